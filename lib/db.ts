import 'server-only';

import { PrismaLibSQL } from '@prisma/adapter-libsql';

import { resolveDatabaseUrl } from '@/lib/database-url';
import { PrismaClient } from '@/lib/generated/prisma/client';

function createClient(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaLibSQL({ url: resolveDatabaseUrl() }) });
}

// One client per process; development hot reloads would otherwise open a new one on every change.
const globalForPrisma = globalThis as unknown as { realmgatePrisma?: PrismaClient };

export const db: PrismaClient = globalForPrisma.realmgatePrisma ?? createClient();

if (process.env.NODE_ENV !== 'production') globalForPrisma.realmgatePrisma = db;
