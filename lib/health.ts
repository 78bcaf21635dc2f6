import 'server-only';

import { readdirSync } from 'node:fs';
import path from 'node:path';

import { loadSigningCredentials } from '@/lib/certificates/store';
import { databaseEngine } from '@/lib/database-url';
import { db } from '@/lib/db';

/**
 * GET /readyz for load balancers: may this instance take sign-ins? Its database answers, every migration of this
 * build is applied, and the default signing certificate is valid and its key opens (with this instance's master key:
 * an instance given another REALMGATE_SECRET_KEY is not ready). The answer names failed checks, never secrets.
 */
export type Readiness = { ready: boolean; checks: Record<'database' | 'migrations' | 'signingCertificate', string> };

// The migrations this build ships (scripts/migrate.mjs applies them on start).
const MIGRATIONS_DIR = { sqlite: ['prisma', 'migrations'], postgresql: ['prisma', 'postgresql', 'migrations'] } as const;

function shippedMigrations(): string[] {
  const dir = path.join(/*turbopackIgnore: true*/ process.cwd(), ...MIGRATIONS_DIR[databaseEngine()]);
  return readdirSync(/*turbopackIgnore: true*/ dir).filter((entry) => /^\d/.test(entry));
}

async function checkMigrations(): Promise<string> {
  const applied = await db.$queryRaw<{ name: string }[]>`
    SELECT "migration_name" AS "name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`;
  const done = new Set(applied.map((row) => row.name));
  const pending = shippedMigrations().filter((name) => !done.has(name)).length;
  return pending === 0 ? 'ok' : `${pending} migration(s) not applied`;
}

async function checkSigningCertificate(now: Date): Promise<string> {
  const credentials = await loadSigningCredentials(null);
  if (!credentials) return 'no default signing certificate';
  if (credentials.notAfter <= now) return 'the default signing certificate has expired';
  if (credentials.notBefore > now) return 'the default signing certificate is not valid yet';
  return 'ok';
}

/** Runs every check; a check that throws fails with a short reason (the database is down, the key does not open). */
export async function checkReadiness(now = new Date()): Promise<Readiness> {
  const run = (check: () => Promise<string>, failure: string) => check().catch(() => failure);
  const database = await run(async () => (await db.$queryRaw`SELECT 1`, 'ok'), 'unreachable');
  const [migrations, signingCertificate] =
    database === 'ok'
      ? await Promise.all([
          run(checkMigrations, 'not readable'),
          run(() => checkSigningCertificate(now), 'the default signing certificate cannot be opened'),
        ])
      : ['not checked', 'not checked'];
  const checks = { database, migrations, signingCertificate };
  return { ready: Object.values(checks).every((value) => value === 'ok'), checks };
}
