import { expect, test } from 'vitest';

import { db } from '@/lib/db';

import { prepareInstallation } from './start-up';

/** Instances starting together on an empty database: everything is made once, whoever wins. */
test('three instances starting at once make one admin, one default certificate and one demo realm', { timeout: 60_000 }, async () => {
  // test/setup.ts signed in a test admin: start from no admin at all, as a new installation does.
  await db.adminSession.deleteMany();
  await db.admin.deleteMany();
  const env = { REALMGATE_ADMIN_USERNAME: 'first', REALMGATE_ADMIN_PASSWORD: 'a long first password' };

  const results = await Promise.all([1, 2, 3].map(() => prepareInstallation(env)));

  expect(results.filter((result) => result.admin !== null)).toHaveLength(1);
  expect(results.filter((result) => result.certificate)).toHaveLength(1);
  expect(results.filter((result) => result.demoRealm)).toHaveLength(1);
  expect(await db.admin.findMany({ select: { username: true } })).toEqual([{ username: 'first' }]);
  expect(await db.certificate.count()).toBe(1);
  expect(await db.certificate.count({ where: { isDefault: true } })).toBe(1);
  expect(await db.realm.count()).toBe(1);
});

test('the database itself keeps a single default certificate', async () => {
  const row = (id: string) => ({
    id,
    serialHex: id,
    subject: 'CN=x',
    issuer: 'CN=x',
    commonName: 'x',
    notBefore: new Date(),
    notAfter: new Date(),
    fingerprintSha256: id,
    keyBits: 2048,
    certPem: '',
    privateKeyEnc: '',
  });
  await db.certificate.deleteMany({ where: { isDefault: false } });
  const defaults = await db.certificate.count({ where: { isDefault: true } });
  if (defaults === 0) await db.certificate.create({ data: { ...row('first-default'), isDefault: true } });

  await expect(db.certificate.create({ data: { ...row('second-default'), isDefault: true } })).rejects.toThrow(/Unique constraint/);
  await db.certificate.create({ data: { ...row('not-default'), isDefault: false } });
  expect(await db.certificate.count({ where: { isDefault: true } })).toBe(1);
});
