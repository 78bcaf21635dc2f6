import { describe, expect, test } from 'vitest';

import { generateCertificate } from '@/lib/crypto/certificates';
import { decryptSecret } from '@/lib/crypto/secrets';
import { db } from '@/lib/db';
import { TEST_ADMIN } from '@/test/admin';

import { type TabValues, loadTab, saveTab } from './repository';
import { createRealm } from './realm-list-repository';

/**
 * A stored password is only kept while it goes to the same server: otherwise anyone who may edit the realm
 * could point it at their own host and collect the password there (lib/realm/repository.ts toStoredSecret).
 */
let counter = 0;
const ATTACKER_CA = generateCertificate({ commonName: 'Attacker CA', bits: 2048, years: 1 }).certPem;

const smtp = (values: TabValues['overview']): TabValues['overview'] => ({
  ...values,
  smtpHost: 'smtp.example.com',
  smtpPort: 587,
  smtpUsername: 'mailer',
  smtpSecurity: 'starttls',
  senderAddress: 'idp@example.com',
  smtpPassword: { isSet: false, replacement: 'smtp-secret' },
});

const ldap = (values: TabValues['data']): TabValues['data'] => ({
  ...values,
  dataStore: 'openldap',
  connectionString: 'ldap://ldap.example.com:389/dc=example,dc=com',
  connectionMode: 'standard',
  anonymousLookup: false,
  ldapUsername: 'cn=svc,dc=example,dc=com',
  ldapPassword: { isSet: false, replacement: 'bind-secret' },
});

async function realmWith<T extends 'overview' | 'data'>(tab: T, configure: (values: TabValues[T]) => TabValues[T]) {
  const realm = await createRealm(TEST_ADMIN, `Changed server ${(counter += 1)}`);
  const loaded = await loadTab(realm.id, tab);
  return { realm, saved: await saveTab(TEST_ADMIN, realm.id, tab, configure(loaded.values), loaded.version) };
}

const storedSecret = async (realmId: string) => {
  const [overview, data] = await Promise.all([
    db.realmOverview.findUniqueOrThrow({ where: { realmId } }),
    db.realmData.findUniqueOrThrow({ where: { realmId } }),
  ]);
  return { smtpPassword: overview.smtpPasswordEnc, ldapPassword: data.ldapPasswordEnc };
};

describe('the SMTP password', () => {
  test.each<[string, Partial<TabValues['overview']>]>([
    ['Server Address', { smtpHost: 'mail.attacker.example' }],
    ['Port', { smtpPort: 2525 }],
    ['Username', { smtpUsername: 'someone-else' }],
    ['SSL', { smtpSecurity: 'none' }],
  ])('is not kept when the %s changes: the password must be typed again', async (_field, change) => {
    const { realm, saved } = await realmWith('overview', smtp);
    const before = await storedSecret(realm.id);
    await expect(saveTab(TEST_ADMIN, realm.id, 'overview', { ...saved.values, ...change }, saved.version)).rejects.toMatchObject({
      fieldErrors: { smtpPassword: expect.stringMatching(/The server changed: enter the password again/) },
    });
    expect(await storedSecret(realm.id)).toEqual(before);

    const retyped = { ...saved.values, ...change, smtpPassword: { isSet: true, replacement: 'typed-again' } };
    await saveTab(TEST_ADMIN, realm.id, 'overview', retyped, saved.version);
    const stored = await storedSecret(realm.id);
    expect(decryptSecret(stored.smtpPassword ?? '', `realm:${realm.id}:smtpPassword`)).toBe('typed-again');
  });

  test('is kept when only other settings change', async () => {
    const { realm, saved } = await realmWith('overview', smtp);
    const before = await storedSecret(realm.id);
    await saveTab(TEST_ADMIN, realm.id, 'overview', { ...saved.values, senderName: 'Another name', description: 'Edited' }, saved.version);
    expect(await storedSecret(realm.id)).toEqual(before);
  });
});

describe('the LDAP service account password', () => {
  test.each<[string, Partial<TabValues['data']>]>([
    ['host', { connectionString: 'ldap://ldap.attacker.example:389/dc=example,dc=com' }],
    ['port', { connectionString: 'ldap://ldap.example.com:1389/dc=example,dc=com' }],
    ['username', { ldapUsername: 'cn=admin,dc=example,dc=com' }],
    ['SSL mode', { connectionString: 'ldaps://ldap.example.com:636/dc=example,dc=com', connectionMode: 'ssl' }],
    ['StartTLS mode', { connectionMode: 'starttls' }],
    ['trusted CA', { caCertificate: ATTACKER_CA }],
    ['TLS verification (turned off)', { verifyTls: false }],
  ])('is not kept when the %s changes: the password must be typed again', async (_field, change) => {
    const { realm, saved } = await realmWith('data', ldap);
    const before = await storedSecret(realm.id);
    await expect(saveTab(TEST_ADMIN, realm.id, 'data', { ...saved.values, ...change }, saved.version)).rejects.toMatchObject({
      fieldErrors: { ldapPassword: expect.stringMatching(/The server changed: enter the password again/) },
    });
    expect(await storedSecret(realm.id)).toEqual(before);

    const retyped = { ...saved.values, ...change, ldapPassword: { isSet: true, replacement: 'typed-again' } };
    await saveTab(TEST_ADMIN, realm.id, 'data', retyped, saved.version);
    const stored = await storedSecret(realm.id);
    expect(decryptSecret(stored.ldapPassword ?? '', `realm:${realm.id}:ldapPassword`)).toBe('typed-again');
  });

  test('is kept when only other settings change', async () => {
    const { realm, saved } = await realmWith('data', ldap);
    const before = await storedSecret(realm.id);
    const profileFields = saved.values.profileFields.map((row) => (row.property === 'email2' ? { ...row, field: 'mail' } : row));
    await saveTab(TEST_ADMIN, realm.id, 'data', { ...saved.values, profileFields, connectionTimeoutSeconds: 9 }, saved.version);
    expect(await storedSecret(realm.id)).toEqual(before);
  });

  test('is kept when TLS verification is turned back on', async () => {
    const { realm, saved } = await realmWith('data', (values) => ({ ...ldap(values), verifyTls: false }));
    const before = await storedSecret(realm.id);
    await saveTab(TEST_ADMIN, realm.id, 'data', { ...saved.values, verifyTls: true }, saved.version);
    expect(await storedSecret(realm.id)).toEqual(before);
  });
});
