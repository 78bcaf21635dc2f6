import 'server-only';

import { PrismaLibSQL } from '@prisma/adapter-libsql';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

import { databaseEngine, resolveDatabaseUrl } from '@/lib/database-url';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { PrismaClient as PostgresPrismaClient } from '@/lib/generated/prisma-pg/client';

/**
 * The Prisma client of the database DATABASE_URL names: SQLite (libsql) by default, PostgreSQL for a postgresql://
 * URL. Prisma generates one client per provider from the one schema (DESIGN "PostgreSQL"); both have the same models
 * and methods, so the code uses the SQLite client's types for either. On PostgreSQL its connection pool is ours, so
 * that lib/prepared-read.ts runs its statements on the same connections.
 */
function createClient(): { db: PrismaClient; pool: pg.Pool | null } {
  const url = resolveDatabaseUrl();
  if (databaseEngine() === 'sqlite') return { db: new PrismaClient({ adapter: new PrismaLibSQL({ url }) }), pool: null };
  // UTC, so that database-side timestamps read back as written; the server's own time zone may be any.
  const pool = new pg.Pool({ connectionString: url, options: '-c TimeZone=UTC' });
  // Same schema, other provider: the generated types differ only in the provider's name.
  return { db: new PostgresPrismaClient({ adapter: new PrismaPg(pool) }) as unknown as PrismaClient, pool };
}

// One client per process; development hot reloads would otherwise open a new one on every change.
const globalForPrisma = globalThis as unknown as { realmgateDatabase?: ReturnType<typeof createClient> };
const client = globalForPrisma.realmgateDatabase ?? createClient();
if (process.env.NODE_ENV !== 'production') globalForPrisma.realmgateDatabase = client;

export const db: PrismaClient = client.db;

/** The PostgreSQL connection pool Prisma uses; null on SQLite. */
export const postgresPool: pg.Pool | null = client.pool;

/** Closes the database connections (a test file's end, a script's), so the process can exit. */
export async function closeDatabase(): Promise<void> {
  await db.$disconnect();
  await client.pool?.end();
}
