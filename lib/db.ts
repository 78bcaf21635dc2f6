import 'server-only';

import { PrismaLibSQL } from '@prisma/adapter-libsql';
import { PrismaPg } from '@prisma/adapter-pg';

import { databaseEngine, resolveDatabaseUrl } from '@/lib/database-url';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { PrismaClient as PostgresPrismaClient } from '@/lib/generated/prisma-pg/client';

/**
 * The Prisma client of the database DATABASE_URL names: SQLite (libsql) by default, PostgreSQL for a postgresql://
 * URL. Prisma generates one client per provider from the one schema (DESIGN "PostgreSQL"); both have the same models
 * and methods, so the code uses the SQLite client's types for either.
 */
function createClient(): PrismaClient {
  const url = resolveDatabaseUrl();
  if (databaseEngine() === 'sqlite') return new PrismaClient({ adapter: new PrismaLibSQL({ url }) });
  // UTC, so that database-side timestamps read back as written; the server's own time zone may be any.
  const adapter = new PrismaPg({ connectionString: url, options: '-c TimeZone=UTC' });
  // Same schema, other provider: the generated types differ only in the provider's name.
  return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
}

// One client per process; development hot reloads would otherwise open a new one on every change.
const globalForPrisma = globalThis as unknown as { realmgatePrisma?: PrismaClient };

export const db: PrismaClient = globalForPrisma.realmgatePrisma ?? createClient();

if (process.env.NODE_ENV !== 'production') globalForPrisma.realmgatePrisma = db;
