import { beforeAll, describe, expect, test } from 'vitest';

import { deleteCertificate, ensureDefaultCertificate, saveCertificate } from '@/lib/certificates/store';
import { generateCertificate } from '@/lib/crypto/certificates';
import { db } from '@/lib/db';
import { createRealm, deleteRealm, loadRealmSummary } from '@/lib/realm/realm-list-repository';
import { SECRETS_NOT_RESTORED } from '@/lib/realm/realm-list-repository';
import { loadTab, saveTab } from '@/lib/realm/repository';
import { REALM_TABS } from '@/lib/realm/tabs';
import { TEST_ADMIN } from '@/test/admin';
import { defined } from '@/test/defined';
import { signInAsTestAdmin } from '@/test/admin-session';

import { loadChangeRecordPage } from './pages';
import { SECRETS_KEPT, restoreFromForm } from './restore';

let counter = 0;
const latestId = async (realmId: string) =>
  defined(await db.changeRecord.findFirst({ where: { realmId }, orderBy: { id: 'desc' }, select: { id: true } })).id;
const smtpCiphertext = async (realmId: string) => (await db.realmOverview.findUniqueOrThrow({ where: { realmId } })).smtpPasswordEnc;

/** A realm whose Overview has SMTP settings with a stored password. */
async function realmWithSmtpPassword() {
  return createRealm(TEST_ADMIN, `Restore ${++counter}`, (defaults) => ({
    ...defaults,
    overview: {
      ...defaults.overview,
      smtpHost: 'smtp.example.com',
      senderAddress: 'idp@example.com',
      smtpPassword: { isSet: false, replacement: 'smtp-password' },
    },
  }));
}

let signedIn = { username: '' };
beforeAll(async () => {
  signedIn = await signInAsTestAdmin();
  await ensureDefaultCertificate();
});

describe('restore a tab to its values before a change', () => {
  test('goes back, is recorded as a restore of that change, and can be undone the same way', async () => {
    const realm = await createRealm(TEST_ADMIN, `Restore ${++counter}`);
    const loaded = await loadTab(realm.id, 'post-authentication');
    const saved = await saveTab(
      TEST_ADMIN,
      realm.id,
      'post-authentication',
      { ...loaded.values, validHours: 6, offsetMinutes: 9 },
      loaded.version,
    );
    const change = await latestId(realm.id);

    const result = await restoreFromForm(change, saved.version);
    expect(result).toEqual({
      ok: true,
      message: 'Post Authentication restored to its values before this change.',
      notes: [],
      href: `/realms/${realm.id}/post-authentication`,
      linkText: 'Open Post Authentication',
    });
    expect((await loadTab(realm.id, 'post-authentication')).values).toEqual(loaded.values);
    const restore = await db.changeRecord.findUniqueOrThrow({ where: { id: await latestId(realm.id) } });
    expect(restore).toMatchObject({
      action: 'restore',
      sourceRecordId: change,
      tab: 'post-authentication',
      adminUsername: signedIn.username,
    });
    expect(JSON.parse(restore.changes)).toEqual([
      { field: 'offsetMinutes', label: 'SAML Offset Minutes', before: '9', after: '5' },
      { field: 'validHours', label: 'SAML Valid Hours', before: '6', after: '1' },
    ]);

    const current = await loadTab(realm.id, 'post-authentication');
    expect(await restoreFromForm(restore.id, current.version)).toMatchObject({ ok: true });
    expect((await loadTab(realm.id, 'post-authentication')).values).toEqual(saved.values);
  });

  test('keeps the current secret and says so', async () => {
    const realm = await realmWithSmtpPassword();
    const stored = await smtpCiphertext(realm.id);
    const loaded = await loadTab(realm.id, 'overview');
    const saved = await saveTab(TEST_ADMIN, realm.id, 'overview', { ...loaded.values, description: 'Changed' }, loaded.version);
    const result = await restoreFromForm(await latestId(realm.id), saved.version);
    expect(result).toMatchObject({ ok: true, notes: [SECRETS_KEPT] });
    expect(await loadTab(realm.id, 'overview')).toMatchObject({ values: { description: '', smtpPassword: { isSet: true } } });
    expect(await smtpCiphertext(realm.id)).toBe(stored);
  });

  test('a restore that a rule refuses today answers with the field labels, and changes nothing', async () => {
    const realm = await createRealm(TEST_ADMIN, `Restore ${++counter}`);
    const signer = await saveCertificate(TEST_ADMIN, generateCertificate({ commonName: 'Short-lived', bits: 2048, years: 1 }), 'generate');
    const loaded = await loadTab(realm.id, 'post-authentication');
    const chosen = await saveTab(
      TEST_ADMIN,
      realm.id,
      'post-authentication',
      { ...loaded.values, signingCertificateId: signer.id },
      loaded.version,
    );
    const back = await saveTab(TEST_ADMIN, realm.id, 'post-authentication', { ...chosen.values, signingCertificateId: '' }, chosen.version);
    const change = await latestId(realm.id);
    await deleteCertificate(TEST_ADMIN, signer.id);

    expect(await restoreFromForm(change, back.version)).toEqual({
      ok: false,
      message: 'Not restored: the values of this change break a rule of the tab today.',
      problems: ['Signing Cert Serial Number: This certificate no longer exists: select another one'],
    });
    expect(await loadTab(realm.id, 'post-authentication')).toEqual(back);
  });

  test("goes through the tab's schema: values it refuses today (the guide's <ACCOUNT_CODE>) are not restored", async () => {
    const realm = await createRealm(TEST_ADMIN, `Restore ${++counter}`, (defaults) => ({
      ...defaults,
      'post-authentication': {
        ...defaults['post-authentication'],
        redirect: 'saml-idp-initiated',
        consumerUrl: 'https://sp.example.com/acs',
        issuer: 'urn:realmgate:restore',
        audience: 'us-api.mimecast.com.<ACCOUNT_CODE>',
      },
    }));
    const loaded = await loadTab(realm.id, 'post-authentication');
    const fixed = { ...loaded.values, audience: 'us-api.mimecast.com.C0A0' };
    const saved = await saveTab(TEST_ADMIN, realm.id, 'post-authentication', fixed, loaded.version);
    expect(await restoreFromForm(await latestId(realm.id), saved.version)).toEqual({
      ok: false,
      message: 'Not restored: the values of this change break a rule of the tab today.',
      problems: [
        'SAML Audience: Replace <ACCOUNT_CODE> with your Mimecast account code (provided by Mimecast), e.g. us-api.mimecast.com.C0A0',
      ],
    });
    expect(await loadTab(realm.id, 'post-authentication')).toEqual(saved);
  });

  test('never sends the stored password to a server the restore brings back', async () => {
    const realm = await realmWithSmtpPassword();
    const loaded = await loadTab(realm.id, 'overview');
    const moved = { ...loaded.values, smtpHost: 'mail.example.net', smtpPassword: { isSet: true, replacement: 'new-password' } };
    const saved = await saveTab(TEST_ADMIN, realm.id, 'overview', moved, loaded.version);
    const result = await restoreFromForm(await latestId(realm.id), saved.version);
    expect(result).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^Password: The server changed: enter the password again/)],
    });
    expect((await loadTab(realm.id, 'overview')).values.smtpHost).toBe('mail.example.net');
  });

  test('a page loaded before another save of the tab gets the conflict message', async () => {
    const realm = await createRealm(TEST_ADMIN, `Restore ${++counter}`);
    const loaded = await loadTab(realm.id, 'workflow');
    const saved = await saveTab(TEST_ADMIN, realm.id, 'workflow', { ...loaded.values, lockoutMinutes: 20 }, loaded.version);
    const change = await latestId(realm.id);
    await saveTab(TEST_ADMIN, realm.id, 'workflow', { ...saved.values, lockoutMinutes: 25 }, saved.version);
    expect(await restoreFromForm(change, saved.version)).toMatchObject({
      ok: false,
      conflict: true,
      message: expect.stringMatching(/saved this tab after you opened it/),
    });
    expect((await loadTab(realm.id, 'workflow')).values.lockoutMinutes).toBe(25);
  });

  test.each<[string, unknown, unknown]>([
    ['an unknown record', 999_999, 1],
    ['a record id that is not a number', '1', 1],
  ])('answers %s with a message', async (_case, recordId, version) => {
    expect(await restoreFromForm(recordId, version)).toEqual({ ok: false, message: 'This change record does not exist.', problems: [] });
  });

  test('offers no restore for records other than realm tabs and deleted realms', async () => {
    const realm = await createRealm(TEST_ADMIN, `Restore ${++counter}`);
    const created = await latestId(realm.id);
    expect(await restoreFromForm(created, 1)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Only changes of a realm tab and deleted realms/),
    });
    expect(await loadChangeRecordPage(String(created))).toMatchObject({ restore: { kind: 'none' } });
  });
});

describe('restore a deleted realm from its delete record', () => {
  test('comes back with its id, name, address and every tab, without its secrets', async () => {
    const realm = await realmWithSmtpPassword();
    const workflow = await loadTab(realm.id, 'workflow');
    await saveTab(TEST_ADMIN, realm.id, 'workflow', { ...workflow.values, maxInvalidAttempts: 7 }, workflow.version);
    const tabs = await Promise.all(REALM_TABS.map(({ slug }) => loadTab(realm.id, slug)));
    const configurationVersion = defined(await loadRealmSummary(realm.id)).version;
    await deleteRealm(TEST_ADMIN, realm.id, realm.name);
    const deleteRecord = await latestId(realm.id);
    expect(await loadChangeRecordPage(String(deleteRecord))).toMatchObject({ restore: { kind: 'realm' }, canRestore: true });

    const result = await restoreFromForm(deleteRecord, null);
    expect(result).toEqual({
      ok: true,
      message: `Realm ${realm.name} restored with all its tabs.`,
      notes: [SECRETS_NOT_RESTORED],
      href: `/realms/${realm.id}/overview`,
      linkText: `Open ${realm.name}`,
    });
    // The configuration version continues: a cache keyed by it never takes the restored realm for the deleted one.
    expect(await loadRealmSummary(realm.id)).toMatchObject({ name: realm.name, slug: realm.slug, version: configurationVersion + 1 });
    for (const [index, { slug }] of REALM_TABS.entries()) {
      const before = defined(tabs[index]).values;
      const expected = 'smtpPassword' in before ? { ...before, smtpPassword: { isSet: false, replacement: null } } : before;
      expect((await loadTab(realm.id, slug)).values).toEqual(expected);
    }
    expect(await smtpCiphertext(realm.id)).toBeNull();
    const restore = await db.changeRecord.findUniqueOrThrow({ where: { id: await latestId(realm.id) } });
    expect(restore).toMatchObject({ action: 'restore', sourceRecordId: deleteRecord, objectId: realm.id });

    expect(await loadChangeRecordPage(String(deleteRecord))).toMatchObject({
      restore: { kind: 'none', reason: expect.stringMatching(/restored already/) },
    });
    expect(await restoreFromForm(deleteRecord, null)).toMatchObject({ ok: false, message: expect.stringMatching(/restored already/) });
  });

  test('takes a new name and address when both are taken now, and the default certificate for a deleted one', async () => {
    const signer = await saveCertificate(TEST_ADMIN, generateCertificate({ commonName: 'Gone soon', bits: 2048, years: 1 }), 'generate');
    const realm = await createRealm(TEST_ADMIN, 'Comes Back', (defaults) => ({
      ...defaults,
      'post-authentication': { ...defaults['post-authentication'], signingCertificateId: signer.id },
    }));
    await deleteRealm(TEST_ADMIN, realm.id, 'Comes Back');
    const deleteRecord = await latestId(realm.id);
    await deleteCertificate(TEST_ADMIN, signer.id);
    const successor = await createRealm(TEST_ADMIN, 'Comes Back');
    expect(successor.slug).toBe(realm.slug);

    const result = await restoreFromForm(deleteRecord, null);
    expect(result).toMatchObject({
      ok: true,
      notes: [
        'A realm named "Comes Back" exists now: the realm was restored as "Comes Back (restored)".',
        `The address /sso/${realm.slug} is taken now: the realm is at /sso/comes-back-restored.`,
        'Its signing certificate has been deleted since: the realm signs with the default certificate.',
        SECRETS_NOT_RESTORED,
      ],
    });
    const postAuth = await loadTab(realm.id, 'post-authentication');
    expect(postAuth.realm).toMatchObject({ name: 'Comes Back (restored)', slug: 'comes-back-restored' });
    expect(postAuth.values).toMatchObject({ signingCertificateId: '', cookieName: 'realmgate_comes-back-restored' });
  });
});
