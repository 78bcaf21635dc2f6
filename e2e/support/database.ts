import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';

import { createClient } from '@libsql/client';

/**
 * Every row of the e2e server's database (playwright.config.ts puts it in REALMGATE_E2E_DIR), for "nothing
 * changed" checks. Sessions and throttle counters are left out: a request touches its own session's time.
 */
const openE2eDatabase = () => createClient({ url: `file:${path.join(process.env.REALMGATE_E2E_DIR ?? '', 'e2e.db')}` });

/**
 * A session of the first administrator, made in the database the way lib/auth/sessions.ts makes one (the row
 * holds the token's SHA-256): for a test that cannot receive the cookie through a browser sign-in.
 */
export async function createE2eAdminSession(): Promise<string> {
  const client = openE2eDatabase();
  try {
    const token = randomBytes(32).toString('base64url');
    const now = new Date().toISOString();
    await client.execute({
      sql: `INSERT INTO "AdminSession" ("id", "adminId", "createdAt", "lastSeenAt")
            SELECT ?, "id", ?, ? FROM "Admin" WHERE "usernameKey" = 'admin'`,
      args: [createHash('sha256').update(token).digest('hex'), now, now],
    });
    return token;
  } finally {
    client.close();
  }
}

export async function e2eDatabaseSnapshot(): Promise<Record<string, unknown[]>> {
  const client = openE2eDatabase();
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
