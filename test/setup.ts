import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, inject, vi } from 'vitest';

import { migrateDatabase } from '../scripts/migrate.mjs';
import { withDatabase } from '../scripts/postgres.mjs';
import { TEMPLATE_DATABASE } from './postgres-global-setup';
import { createDatabase } from './postgres';

// Every test file runs against its own throwaway key and database, never the developer's data/: a SQLite file in
// the `sqlite` project, a fresh PostgreSQL database in the `postgresql` project (vitest.config.mts).
const dir = mkdtempSync(path.join(tmpdir(), 'realmgate-test-'));
// Settings a developer's shell may carry would change what the tests see.
for (const name of ['REALMGATE_SECRET_KEY', 'REALMGATE_PUBLIC_URL', 'REALMGATE_TRUST_PROXY']) Reflect.deleteProperty(process.env, name);
process.env.REALMGATE_KEY_FILE = path.join(dir, 'secret.key');

const postgresUrl = inject('postgresUrl');
if (postgresUrl) {
  const database = `test_${randomBytes(8).toString('hex')}`;
  await createDatabase(postgresUrl, database, TEMPLATE_DATABASE);
  process.env.DATABASE_URL = withDatabase(postgresUrl, database);
  // PostgreSQL requires a shared master key (lib/crypto/secrets.ts).
  process.env.REALMGATE_SECRET_KEY = randomBytes(32).toString('base64');
} else {
  process.env.DATABASE_URL = `file:${path.join(dir, 'test.db')}`;
  // The same migrator `npm start` runs.
  await migrateDatabase(process.env.DATABASE_URL, { log: () => undefined });
}

// Lib code reads the request through next/headers; in tests that is test/next-request.ts, and every test file
// starts signed in as an administrator (tests of access rules sign in otherwise, or out).
vi.mock('next/headers', () => import('./next-request'));
const { signInAsTestAdmin } = await import('./admin-session');
await signInAsTestAdmin();

// An open PostgreSQL pool would keep the test worker alive after its file.
afterAll(async () => {
  const { closeDatabase } = await import('@/lib/db');
  await closeDatabase();
});
