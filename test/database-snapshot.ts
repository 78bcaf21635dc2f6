import type { PrismaClient } from '@/lib/generated/prisma/client';

/** Every row of every table, to compare before and after: "the database is unchanged". */
export async function databaseSnapshot(db: PrismaClient): Promise<Record<string, unknown[]>> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`;
  const snapshot: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    snapshot[name] = await db.$queryRawUnsafe(`SELECT * FROM "${name.replaceAll('"', '""')}" ORDER BY 1`);
  }
  return snapshot;
}
