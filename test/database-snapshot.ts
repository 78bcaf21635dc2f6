import { databaseEngine } from '@/lib/database-url';
import type { PrismaClient } from '@/lib/generated/prisma/client';

/** The app's tables, on either engine. */
async function tableNames(db: PrismaClient): Promise<string[]> {
  const tables =
    databaseEngine() === 'postgresql'
      ? await db.$queryRaw<{ name: string }[]>`
        SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY 1`
      : await db.$queryRaw<{ name: string }[]>`
        SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`;
  return tables.map((table) => table.name);
}

/** Every row of every table, to compare before and after: "the database is unchanged". */
export async function databaseSnapshot(db: PrismaClient): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const name of await tableNames(db)) {
    snapshot[name] = await db.$queryRawUnsafe(`SELECT * FROM "${name.replaceAll('"', '""')}" ORDER BY 1`);
  }
  return snapshot;
}
