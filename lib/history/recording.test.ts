import { beforeAll, describe, expect, test, vi } from 'vitest';

import {
  deleteCertificateFromForm,
  generateCertificateFromForm,
  importPemFromForm,
  makeDefaultCertificateFromForm,
} from '@/lib/certificates/actions';
import { ensureDefaultCertificate } from '@/lib/certificates/store';
import { generateCertificate, openPrivateKey } from '@/lib/crypto/certificates';
import { db } from '@/lib/db';
import { setUserPassword } from '@/lib/directory/repository';
import { createUserFromForm, deleteUserFromForm, saveUserFromForm, setUserDisabledFromForm } from '@/lib/directory/user-actions';
import { loadUser } from '@/lib/directory/repository';
import { createRealmFromForm, deleteRealmFromForm, duplicateRealmFromForm, renameRealmFromForm } from '@/lib/realm/list-actions';
import { createRealm } from '@/lib/realm/realm-list-repository';
import { loadTab } from '@/lib/realm/repository';
import { saveTabFromForm } from '@/lib/realm/save-tab';
import { TEST_ADMIN } from '@/test/admin';
import { signInAsTestAdmin } from '@/test/admin-session';
import { defined } from '@/test/defined';

import { recordAdminChange } from './admin-changes';

/** The admin this file's requests are signed in as (set in beforeAll): each change records them as its actor. */
const SIGNED_IN = { adminId: '', adminUsername: '' };
const SMTP_PASSWORD = 'smtp-Secret-4711';
const LDAP_PASSWORD = 'ldap-Secret-0815';
const USER_PASSWORD = 'user-Secret-long-enough';

/** The newest stored record (the raw row: its JSON is what a leak would show in). */
async function latestRecord(where: { objectId?: string; objectType?: string } = {}) {
  return defined(await db.changeRecord.findFirst({ where, orderBy: { id: 'desc' } }), 'change record');
}

const changesOf = (row: { changes: string }) => JSON.parse(row.changes) as Record<string, unknown>[];

function okValues<V>(result: { ok: true; values: V } | { ok: false }): V {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result.values;
}

beforeAll(async () => {
  const admin = await signInAsTestAdmin();
  Object.assign(SIGNED_IN, { adminId: admin.id, adminUsername: admin.username });
  await ensureDefaultCertificate();
});

describe('every change of a realm is recorded', () => {
  test('a tab save: who, when, realm and tab, and each changed field with its label, before and after', async () => {
    const realm = await createRealm(TEST_ADMIN, 'Recorded Tab');
    const loaded = await loadTab(realm.id, 'post-authentication');
    const started = Date.now();
    okValues(await saveTabFromForm('post-authentication', realm.id, loaded.version, { ...loaded.values, validHours: 3 }));
    const record = await latestRecord({ objectId: realm.id });
    expect(record).toMatchObject({ ...SIGNED_IN, objectType: 'realm', realmId: realm.id, tab: 'post-authentication', action: 'save' });
    expect(record.objectName).toBe('Recorded Tab');
    expect(record.createdAt.getTime()).toBeGreaterThanOrEqual(started - 1000);
    expect(changesOf(record)).toEqual([{ field: 'validHours', label: 'SAML Valid Hours', before: '1', after: '3' }]);
    expect(JSON.parse(record.snapshot ?? '')).toMatchObject({ before: { validHours: 1 }, after: { validHours: 3 } });
  });

  test('Overview and Data secrets show only "changed": neither the value nor its ciphertext is stored in the record', async () => {
    const realm = await createRealm(TEST_ADMIN, 'Recorded Secrets');
    const overview = await loadTab(realm.id, 'overview');
    const smtp = { ...overview.values, smtpHost: 'smtp.example.com', senderAddress: 'idp@example.com' };
    okValues(
      await saveTabFromForm('overview', realm.id, overview.version, {
        ...smtp,
        smtpPassword: { isSet: false, replacement: SMTP_PASSWORD },
      }),
    );
    const data = await loadTab(realm.id, 'data');
    const ldap = {
      ...data.values,
      dataStore: 'openldap',
      connectionString: 'ldap://ldap.example.com/dc=example,dc=com',
      ldapUsername: 'cn=svc,dc=example,dc=com',
      ldapPassword: { isSet: false, replacement: LDAP_PASSWORD },
    };
    okValues(await saveTabFromForm('data', realm.id, data.version, ldap));
    const stored = await db.realm.findUniqueOrThrow({ where: { id: realm.id }, include: { overview: true, data: true } });
    const ciphertexts = [defined(stored.overview?.smtpPasswordEnc), defined(stored.data?.ldapPasswordEnc)];

    const records = await db.changeRecord.findMany({ where: { realmId: realm.id, tab: { in: ['overview', 'data'] } } });
    expect(records.map((record) => changesOf(record).filter((change) => change.changed))).toEqual([
      [{ field: 'smtpPassword', label: 'Password', changed: true }],
      [{ field: 'ldapPassword', label: 'Password', changed: true }],
    ]);
    const json = JSON.stringify(records);
    for (const secret of [SMTP_PASSWORD, LDAP_PASSWORD, ...ciphertexts]) expect(json).not.toContain(secret);
    expect(json).not.toMatch(/"v1\./);
  });

  test('create, rename, duplicate and delete, each with the realm and what changed', async () => {
    const created = okValues(await createRealmFromForm({ name: 'Lifecycle' }));
    expect(await latestRecord({ objectId: created.id })).toMatchObject({ ...SIGNED_IN, action: 'create', objectName: 'Lifecycle' });

    okValues(await renameRealmFromForm(created.id, { name: 'Lifecycle Renamed' }));
    const renamed = await latestRecord({ objectId: created.id });
    expect(renamed).toMatchObject({ action: 'rename', tab: 'overview', objectName: 'Lifecycle Renamed' });
    expect(changesOf(renamed)).toEqual([{ field: 'name', label: 'Realm Name', before: 'Lifecycle', after: 'Lifecycle Renamed' }]);

    const copy = okValues(await duplicateRealmFromForm(created.id, { name: 'Lifecycle Copy' }));
    const duplicated = await latestRecord({ objectId: copy.id });
    expect(duplicated).toMatchObject({ action: 'duplicate', realmId: copy.id, objectName: 'Lifecycle Copy' });
    expect(changesOf(duplicated)).toContainEqual({ field: 'copiedFrom', label: 'Copied from', before: null, after: 'Lifecycle Renamed' });

    okValues(await deleteRealmFromForm(created.id, { confirmName: 'Lifecycle Renamed' }));
    const deleted = await latestRecord({ objectId: created.id });
    expect(deleted).toMatchObject({ ...SIGNED_IN, action: 'delete', realmId: created.id, objectName: 'Lifecycle Renamed' });
    expect(Object.keys(JSON.parse(deleted.snapshot ?? '{}').tabs)).toEqual([
      'overview',
      'data',
      'workflow',
      'multi-factor-methods',
      'post-authentication',
    ]);
  });

  test('a delete record keeps every tab but no secret', async () => {
    const realm = await createRealm(TEST_ADMIN, 'Deleted With Secret', (defaults) => ({
      ...defaults,
      overview: { ...defaults.overview, smtpHost: 'smtp.example.com', smtpPassword: { isSet: false, replacement: SMTP_PASSWORD } },
    }));
    const ciphertext = defined((await db.realmOverview.findUniqueOrThrow({ where: { realmId: realm.id } })).smtpPasswordEnc);
    okValues(await deleteRealmFromForm(realm.id, { confirmName: 'Deleted With Secret' }));
    const deleted = JSON.stringify(await latestRecord({ objectId: realm.id }));
    expect(deleted).toContain('smtp.example.com');
    expect(deleted).not.toContain(SMTP_PASSWORD);
    expect(deleted).not.toContain(ciphertext);
    expect(deleted).not.toContain('smtpPassword');
  });

  test('a refused save records nothing, and a change whose record fails is not stored either', async () => {
    const realm = await createRealm(TEST_ADMIN, 'Atomic');
    const loaded = await loadTab(realm.id, 'workflow');
    const count = () => db.changeRecord.count({ where: { realmId: realm.id } });
    const before = await count();
    expect((await saveTabFromForm('workflow', realm.id, loaded.version + 5, loaded.values)).ok).toBe(false);
    expect(await count()).toBe(before);

    await db.$executeRawUnsafe('ALTER TABLE "ChangeRecord" RENAME TO "ChangeRecordAway"');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const result = await saveTabFromForm('workflow', realm.id, loaded.version, { ...loaded.values, lockoutMinutes: 99 });
      expect(result.ok).toBe(false);
      expect(logged).toHaveBeenCalledOnce();
    } finally {
      await db.$executeRawUnsafe('ALTER TABLE "ChangeRecordAway" RENAME TO "ChangeRecord"');
      logged.mockRestore();
    }
    expect(await loadTab(realm.id, 'workflow')).toEqual(loaded);
  });
});

describe('certificates, directory users and admins are recorded', () => {
  test('generate, import, make default and delete a certificate: the private key shows only as changed', async () => {
    const generated = okValues(await generateCertificateFromForm({ commonName: 'Recorded Signer', bits: 2048, years: 1 }));
    const record = await latestRecord({ objectId: generated.id });
    expect(record).toMatchObject({ ...SIGNED_IN, objectType: 'certificate', action: 'generate' });
    expect(record.objectName).toBe(`Recorded Signer (${generated.serialHex})`);
    expect(changesOf(record)).toContainEqual({ field: 'commonName', label: 'Common Name (CN)', before: null, after: 'Recorded Signer' });
    expect(changesOf(record)).toContainEqual({ field: 'privateKey', label: 'Private key', changed: true });

    const source = generateCertificate({ commonName: 'Recorded Import', bits: 2048, years: 1 });
    const keyPem = String(openPrivateKey(source.id, source.privateKeyEnc).export({ type: 'pkcs8', format: 'pem' }));
    const imported = okValues(await importPemFromForm({ certificate: source.certPem, privateKey: keyPem }));
    expect(await latestRecord({ objectId: imported.id })).toMatchObject({ action: 'import', objectType: 'certificate' });

    okValues(await makeDefaultCertificateFromForm({ id: imported.id }));
    const madeDefault = await latestRecord({ objectId: imported.id });
    expect(madeDefault.action).toBe('make-default');
    expect(changesOf(madeDefault)).toEqual([{ field: 'isDefault', label: 'Default', before: 'False', after: 'True' }]);

    okValues(await deleteCertificateFromForm({ id: generated.id }));
    expect(await latestRecord({ objectId: generated.id })).toMatchObject({ action: 'delete' });

    const stored = await db.certificate.findUniqueOrThrow({ where: { id: imported.id } });
    const json = JSON.stringify(await db.changeRecord.findMany({ where: { objectType: 'certificate' } }));
    for (const secret of [keyPem.split('\n')[1] ?? 'missing', stored.privateKeyEnc, 'PRIVATE KEY']) expect(json).not.toContain(secret);
  });

  test('a directory user: create, edit (property names), disable, enable, password and delete; the password never', async () => {
    const user = okValues(await createUserFromForm({ username: 'recorded.user', password: USER_PASSWORD }));
    const created = await latestRecord({ objectId: user.id });
    expect(created).toMatchObject({ ...SIGNED_IN, objectType: 'directory-user', action: 'create', objectName: 'recorded.user' });
    expect(changesOf(created)).toContainEqual({ field: 'username', label: 'Username', before: null, after: 'recorded.user' });
    expect(changesOf(created)).toContainEqual({ field: 'password', label: 'Password', changed: true });

    const loaded = await loadUser(user.id);
    const edit = {
      ...loaded.values,
      firstName: 'Jane',
      email2: 'jane@example.com',
      password: { isSet: true, replacement: `${USER_PASSWORD}-2` },
    };
    okValues(await saveUserFromForm(user.id, loaded.version, edit));
    expect(changesOf(await latestRecord({ objectId: user.id }))).toEqual([
      { field: 'firstName', label: 'First Name', before: '', after: 'Jane' },
      { field: 'email2', label: 'Email 2', before: '', after: 'jane@example.com' },
      { field: 'password', label: 'Password', changed: true },
    ]);

    okValues(await setUserDisabledFromForm(user.id, { disabled: true }));
    const disabled = await latestRecord({ objectId: user.id });
    expect(disabled.action).toBe('disable');
    expect(changesOf(disabled)).toEqual([{ field: 'disabled', label: 'Disabled', before: 'False', after: 'True' }]);
    okValues(await setUserDisabledFromForm(user.id, { disabled: false }));
    expect((await latestRecord({ objectId: user.id })).action).toBe('enable');

    await setUserPassword(TEST_ADMIN, user.id, `${USER_PASSWORD}-3`);
    const password = await latestRecord({ objectId: user.id });
    expect(password).toMatchObject({ action: 'password', adminUsername: TEST_ADMIN.username });
    expect(changesOf(password)).toEqual([{ field: 'password', label: 'Password', changed: true }]);
    const { passwordHash } = await db.directoryUser.findUniqueOrThrow({ where: { id: user.id } });

    okValues(await deleteUserFromForm(user.id, { confirmUsername: 'recorded.user' }));
    const deleted = await latestRecord({ objectId: user.id });
    expect(deleted.action).toBe('delete');
    expect(changesOf(deleted)).toContainEqual({ field: 'email2', label: 'Email 2', before: 'jane@example.com', after: null });

    const json = JSON.stringify(await db.changeRecord.findMany({ where: { objectId: user.id } }));
    expect(json).not.toContain(USER_PASSWORD);
    expect(json).not.toContain(passwordHash);
  });

  test('an admin account change (for lib/auth) names its fields and masks the password', async () => {
    const admin = { id: 'admin-2', username: 'auditor.anna', role: 'auditor' as const };
    await db.$transaction((tx) =>
      recordAdminChange(tx, TEST_ADMIN, { action: 'create', before: null, after: admin, passwordChanged: true }),
    );
    await db.$transaction((tx) =>
      recordAdminChange(tx, TEST_ADMIN, { action: 'role', before: admin, after: { ...admin, role: 'administrator' } }),
    );
    const records = await db.changeRecord.findMany({ where: { objectType: 'admin', objectId: 'admin-2' }, orderBy: { id: 'asc' } });
    expect(records.map((record) => [record.action, record.adminUsername, changesOf(record)])).toEqual([
      [
        'create',
        'tester',
        [
          { field: 'username', label: 'Username', before: null, after: 'auditor.anna' },
          { field: 'role', label: 'Role', before: null, after: 'Auditor' },
          { field: 'password', label: 'Password', changed: true },
        ],
      ],
      ['role', 'tester', [{ field: 'role', label: 'Role', before: 'Auditor', after: 'Administrator' }]],
    ]);
  });
});
