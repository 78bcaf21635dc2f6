import { randomBytes } from 'node:crypto';

import { afterEach, expect, test, vi } from 'vitest';

import { ensureDefaultCertificate, saveCertificate, setDefaultCertificate } from '@/lib/certificates/store';
import { generateCertificate } from '@/lib/crypto/certificates';
import { resetMasterKeyCache } from '@/lib/crypto/secrets';
import { db } from '@/lib/db';
import { TEST_ADMIN } from '@/test/admin';

import { checkReadiness } from './health';

afterEach(() => {
  vi.unstubAllEnvs();
  resetMasterKeyCache();
});

test('ready: the database answers, every migration is applied, the default certificate signs', async () => {
  expect(await checkReadiness()).toEqual({
    ready: false,
    checks: { database: 'ok', migrations: 'ok', signingCertificate: 'no default signing certificate' },
  });
  await ensureDefaultCertificate();
  expect(await checkReadiness()).toEqual({ ready: true, checks: { database: 'ok', migrations: 'ok', signingCertificate: 'ok' } });
  // Five years later, the default certificate has expired.
  const later = new Date(Date.now() + 6 * 365 * 86_400_000);
  expect((await checkReadiness(later)).checks.signingCertificate).toBe('the default signing certificate has expired');
});

test('not ready with another master key: the default certificate cannot be opened, and nothing secret is said', async () => {
  const certificate = await saveCertificate(TEST_ADMIN, generateCertificate({ commonName: 'Other key', bits: 2048, years: 1 }), 'generate');
  await setDefaultCertificate(TEST_ADMIN, certificate.id);
  vi.stubEnv('REALMGATE_SECRET_KEY', randomBytes(32).toString('base64'));
  resetMasterKeyCache();
  expect(await checkReadiness()).toEqual({
    ready: false,
    checks: { database: 'ok', migrations: 'ok', signingCertificate: 'the default signing certificate cannot be opened' },
  });
});

// Last: it leaves this file's database with a migration unrecorded.
test('not ready with a migration not applied', async () => {
  await ensureDefaultCertificate();
  const [last] = await db.$queryRaw<{ name: string }[]>`
    SELECT "migration_name" AS "name" FROM "_prisma_migrations" ORDER BY "migration_name" DESC LIMIT 1`;
  await db.$executeRaw`DELETE FROM "_prisma_migrations" WHERE "migration_name" = ${last?.name ?? ''}`;
  expect(await checkReadiness()).toMatchObject({ ready: false, checks: { migrations: '1 migration(s) not applied' } });
});
