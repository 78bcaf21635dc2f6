import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { createClient } from '@libsql/client';
import { vi } from 'vitest';

// Every test file runs against its own throwaway key file and database, never the developer's data/.
const dir = mkdtempSync(path.join(tmpdir(), 'realmgate-test-'));
process.env.REALMGATE_KEY_FILE = path.join(dir, 'secret.key');
process.env.DATABASE_URL = `file:${path.join(dir, 'test.db')}`;
// Settings a developer's shell may carry would change what the tests see.
for (const name of ['REALMGATE_SECRET_KEY', 'REALMGATE_PUBLIC_URL', 'REALMGATE_TRUST_PROXY']) Reflect.deleteProperty(process.env, name);

// Apply the migrations as plain SQL: the same files `prisma migrate deploy` applies on `npm start`.
const migrations = path.resolve(import.meta.dirname, '..', 'prisma', 'migrations');
const client = createClient({ url: process.env.DATABASE_URL });
for (const name of readdirSync(migrations)
  .filter((entry) => /^\d/.test(entry))
  .sort()) {
  await client.executeMultiple(readFileSync(path.join(migrations, name, 'migration.sql'), 'utf8'));
}
client.close();

// Lib code reads the request through next/headers; in tests that is test/next-request.ts, and every test file
// starts signed in as an administrator (tests of access rules sign in otherwise, or out).
vi.mock('next/headers', () => import('./next-request'));
const { signInAsTestAdmin } = await import('./admin-session');
await signInAsTestAdmin();
