import path from 'node:path';

import { createClient } from '@libsql/client';

/**
 * Every row of the e2e server's database (playwright.config.ts puts it in REALMGATE_E2E_DIR), for "nothing
 * changed" checks. Sessions and throttle counters are left out: a request touches its own session's time.
 */
export async function e2eDatabaseSnapshot(): Promise<Record<string, unknown[]>> {
  const client = createClient({ url: `file:${path.join(process.env.REALMGATE_E2E_DIR ?? '', 'e2e.db')}` });
  try {
    const tables = await client.execute(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
       AND name NOT IN ('_prisma_migrations', 'AdminSession', 'Throttle') ORDER BY name`,
    );
    const snapshot: Record<string, unknown[]> = {};
    for (const { name } of tables.rows) snapshot[String(name)] = (await client.execute(`SELECT * FROM "${String(name)}" ORDER BY 1`)).rows;
    return snapshot;
  } finally {
    client.close();
  }
}
