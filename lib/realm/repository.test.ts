import { beforeAll, describe, expect, test } from 'vitest';

import { ensureDefaultCertificate } from '@/lib/certificates/store';

import { decryptSecret } from '@/lib/crypto/secrets';
import { db } from '@/lib/db';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';

import { createRealm, deleteRealm, duplicateRealm, listRealms, renameRealm } from './realm-list-repository';
import { type TabValues, loadTab, saveTab } from './repository';
import type { RealmTab } from './tabs';
import { defined } from '@/test/defined';
import { TEST_ADMIN } from '@/test/admin';

let counter = 0;
const newRealm = () => createRealm(TEST_ADMIN, `Realm ${++counter}`);

/** One changed value per tab, each different from the tab's defaults. */
function edited<T extends RealmTab>(tab: T, values: TabValues[T]): TabValues[T] {
  const changes: { [K in RealmTab]: (v: TabValues[K]) => TabValues[K] } = {
    overview: (v) => ({
      ...v,
      description: 'Edited',
      smtpHost: 'smtp.example.com',
      senderAddress: 'idp@example.com',
      smtpPassword: { isSet: false, replacement: 's3cret' },
    }),
    data: (v) => ({
      ...v,
      dataStore: 'openldap',
      connectionString: 'ldap://ldap.example.com:389/dc=example,dc=com',
      ldapUsername: 'cn=svc,dc=example,dc=com',
      ldapPassword: { isSet: false, replacement: 'bind-pw' },
      profileFields: v.profileFields.map((row) => (row.property === 'email2' ? { ...row, field: 'mail', writable: true } : row)),
    }),
    workflow: (v) => ({ ...v, defaultWorkflow: 'username-password', maxInvalidAttempts: 9 }),
    'multi-factor-methods': (v) => ({ ...v, emailFields: ['enabled', 'enabled', 'disabled', 'disabled'], totpLength: 8 }),
    'post-authentication': (v) => ({
      ...v,
      redirect: 'saml-idp-initiated',
      consumerUrl: 'https://us-api.mimecast.com/login/sso/mpp',
      issuer: 'urn:test',
      offsetMinutes: 7,
      samlAttributes: [{ name: 'mail', namespace: '', format: 'basic', value: 'email1', groupFilter: '*' }],
    }),
  };
  return (changes[tab] as (v: TabValues[T]) => TabValues[T])(values);
}

const TABS: RealmTab[] = ['overview', 'data', 'workflow', 'multi-factor-methods', 'post-authentication'];

// SAML redirects need a signing certificate; the server creates the default one on first start.
beforeAll(() => ensureDefaultCertificate());

describe('realm repository (throwaway SQLite)', () => {
  test.each(TABS)('saves and loads the %s tab', async (tab) => {
    const realm = await newRealm();
    const loaded = await loadTab(realm.id, tab);
    const values = edited(tab, loaded.values);
    const saved = await saveTab(TEST_ADMIN, realm.id, tab, values, loaded.version);
    expect(saved.version).toBe(loaded.version + 1);
    const reloaded = await loadTab(realm.id, tab);
    expect(reloaded).toEqual(saved);
    expect(reloaded.values).not.toEqual(loaded.values);
  });

  test('stores secrets encrypted, reports them as set, and keeps them when not replaced', async () => {
    const realm = await newRealm();
    const loaded = await loadTab(realm.id, 'overview');
    const saved = await saveTab(TEST_ADMIN, realm.id, 'overview', edited('overview', loaded.values), loaded.version);
    expect(saved.values.smtpPassword).toEqual({ isSet: true, replacement: null });
    const stored = await db.realmOverview.findUniqueOrThrow({ where: { realmId: realm.id } });
    expect(stored.smtpPasswordEnc).toMatch(/^v1\./);
    expect(stored.smtpPasswordEnc).not.toContain('s3cret');

    const kept = await saveTab(TEST_ADMIN, realm.id, 'overview', { ...saved.values, description: 'again' }, saved.version);
    expect((await db.realmOverview.findUniqueOrThrow({ where: { realmId: realm.id } })).smtpPasswordEnc).toBe(stored.smtpPasswordEnc);

    await saveTab(TEST_ADMIN, realm.id, 'overview', { ...kept.values, smtpPassword: { isSet: false, replacement: null } }, kept.version);
    expect((await db.realmOverview.findUniqueOrThrow({ where: { realmId: realm.id } })).smtpPasswordEnc).toBeNull();
  });

  test('never sends a stored password to a new server: changing the SMTP server asks for it again', async () => {
    const realm = await newRealm();
    const loaded = await loadTab(realm.id, 'overview');
    const saved = await saveTab(TEST_ADMIN, realm.id, 'overview', edited('overview', loaded.values), loaded.version);
    const moved = { ...saved.values, smtpHost: 'mail.attacker.example' };
    const error = await saveTab(TEST_ADMIN, realm.id, 'overview', moved, saved.version).catch((caught: unknown) => caught);
    expect((error as ValidationError).fieldErrors.smtpPassword).toMatch(/enter the password again/);
    expect(await loadTab(realm.id, 'overview')).toEqual(saved);
    const retyped = await saveTab(
      TEST_ADMIN,
      realm.id,
      'overview',
      { ...moved, smtpPassword: { isSet: true, replacement: 'new-pass' } },
      saved.version,
    );
    expect(retyped.values).toMatchObject({ smtpHost: 'mail.attacker.example', smtpPassword: { isSet: true, replacement: null } });
  });

  test('trusts the database, not the browser, about whether a secret is stored', async () => {
    const realm = await newRealm();
    const loaded = await loadTab(realm.id, 'data');
    const claimsSet = { ...edited('data', loaded.values), ldapPassword: { isSet: true, replacement: null } };
    await expect(saveTab(TEST_ADMIN, realm.id, 'data', claimsSet, loaded.version)).rejects.toThrow(/service account's password/);
  });

  test('refuses a save of the same tab from a stale version and changes nothing', async () => {
    const realm = await newRealm();
    const first = await loadTab(realm.id, 'post-authentication');
    const saved = await saveTab(TEST_ADMIN, realm.id, 'post-authentication', { ...first.values, validHours: 3 }, first.version);
    const stale = edited('post-authentication', first.values);
    await expect(saveTab(TEST_ADMIN, realm.id, 'post-authentication', stale, first.version)).rejects.toThrow(ConflictError);
    expect(await loadTab(realm.id, 'post-authentication')).toEqual(saved);
  });

  test('a refused cross-tab rule changes nothing', async () => {
    const realm = await newRealm();
    const mfa = await loadTab(realm.id, 'multi-factor-methods');
    const noMethods = {
      ...mfa.values,
      totpEnabled: false,
      emailFields: ['disabled', 'disabled', 'disabled', 'disabled'] as typeof mfa.values.emailFields,
    };
    // The default workflow asks for a second factor, so disabling every method is refused.
    const error = await saveTab(TEST_ADMIN, realm.id, 'multi-factor-methods', noMethods, mfa.version).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors['root.methods']).toMatch(/second factor/);
    expect(await loadTab(realm.id, 'multi-factor-methods')).toEqual(mfa);
  });

  test('a workflow needing a second factor is refused while no method is enabled', async () => {
    const realm = await newRealm();
    const workflow = await loadTab(realm.id, 'workflow');
    const saved = await saveTab(
      TEST_ADMIN,
      realm.id,
      'workflow',
      { ...workflow.values, defaultWorkflow: 'username-password' },
      workflow.version,
    );
    const mfa = await loadTab(realm.id, 'multi-factor-methods');
    await saveTab(
      TEST_ADMIN,
      realm.id,
      'multi-factor-methods',
      { ...mfa.values, totpEnabled: false, emailFields: ['disabled', 'disabled', 'disabled', 'disabled'] },
      mfa.version,
    );
    await expect(
      saveTab(TEST_ADMIN, realm.id, 'workflow', { ...saved.values, defaultWorkflow: 'username-second-factor' }, saved.version),
    ).rejects.toThrow(ValidationError);
    expect((await loadTab(realm.id, 'workflow')).values.defaultWorkflow).toBe('username-password');
  });

  test('an unknown realm is NotFound for load and save', async () => {
    await expect(loadTab('nope', 'overview')).rejects.toThrow(NotFoundError);
    const realm = await newRealm();
    const loaded = await loadTab(realm.id, 'workflow');
    await expect(saveTab(TEST_ADMIN, 'nope', 'workflow', loaded.values, 1)).rejects.toThrow(NotFoundError);
  });

  test('realm names are unique regardless of case, on create, rename and the Overview tab', async () => {
    const a = await createRealm(TEST_ADMIN, 'Payroll');
    const b = await createRealm(TEST_ADMIN, 'Benefits');
    await expect(createRealm(TEST_ADMIN, 'payroll ')).rejects.toThrow(ValidationError);
    await expect(renameRealm(TEST_ADMIN, b.id, 'PAYROLL')).rejects.toThrow(ValidationError);
    const overview = await loadTab(b.id, 'overview');
    await expect(saveTab(TEST_ADMIN, b.id, 'overview', { ...overview.values, name: 'Payroll' }, overview.version)).rejects.toThrow(
      /already exists/,
    );
    expect((await loadTab(a.id, 'overview')).values.name).toBe('Payroll');
  });

  test('creates unique slugs, renames without changing the slug', async () => {
    const first = await createRealm(TEST_ADMIN, 'Slug Test');
    const second = await createRealm(TEST_ADMIN, 'Slug-Test!');
    expect(first.slug).toBe('slug-test');
    expect(second.slug).toBe('slug-test-2');
    const renamed = await renameRealm(TEST_ADMIN, first.id, 'Slug Test Renamed');
    expect(renamed).toMatchObject({ name: 'Slug Test Renamed', slug: 'slug-test', version: first.version + 1 });
  });

  test('duplicates every tab, re-encrypts secrets, and gives the copy its own cookie name', async () => {
    const source = await createRealm(TEST_ADMIN, 'Original');
    for (const tab of TABS) {
      const loaded = await loadTab(source.id, tab);
      await saveTab(TEST_ADMIN, source.id, tab, edited(tab, loaded.values), loaded.version);
    }
    const copy = await duplicateRealm(TEST_ADMIN, source.id, 'Copy of Original');
    expect(copy.slug).toBe('copy-of-original');
    for (const tab of TABS) {
      const [original, copied] = [await loadTab(source.id, tab), await loadTab(copy.id, tab)];
      if (tab === 'overview') expect(copied.values).toEqual({ ...original.values, name: 'Copy of Original' });
      else if (tab === 'post-authentication')
        expect(copied.values).toEqual({ ...original.values, cookieName: 'realmgate_copy-of-original' });
      else expect(copied.values).toEqual(original.values);
    }
    const [a, b] = await Promise.all([source.id, copy.id].map((realmId) => db.realmData.findUniqueOrThrow({ where: { realmId } })));
    expect(b?.ldapPasswordEnc).toMatch(/^v1\./);
    expect(b?.ldapPasswordEnc).not.toBe(a?.ldapPasswordEnc);
    // The copy's ciphertext is bound to the copy and still holds the same password.
    expect(decryptSecret(defined(b?.ldapPasswordEnc, 'stored LDAP password'), `realm:${copy.id}:ldapPassword`)).toBe('bind-pw');
    expect(() => decryptSecret(defined(b?.ldapPasswordEnc, 'stored LDAP password'), `realm:${source.id}:ldapPassword`)).toThrow();
  });

  test('deletes only when the typed name matches, with all tab rows', async () => {
    const realm = await createRealm(TEST_ADMIN, 'Delete Me');
    await expect(deleteRealm(TEST_ADMIN, realm.id, 'delete me')).rejects.toThrow(/exactly/);
    await deleteRealm(TEST_ADMIN, realm.id, ' Delete Me ');
    expect((await listRealms()).map((r) => r.id)).not.toContain(realm.id);
    expect(await db.realmPostAuth.count({ where: { realmId: realm.id } })).toBe(0);
  });
});
