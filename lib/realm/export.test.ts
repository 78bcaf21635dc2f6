import { describe, expect, test, vi } from 'vitest';

import { ensureDefaultCertificate } from '@/lib/certificates/store';
import { db } from '@/lib/db';
import { signInAsTestAdmin } from '@/test/admin-session';
import { TEST_ADMIN } from '@/test/admin';
import { databaseSnapshot } from '@/test/database-snapshot';
import { defined } from '@/test/defined';

import { seedDemoRealm } from './demo-realm';
import { EXPORT_FORMAT, exportDownload, exportRealms } from './export';
import { importRealmsFromFile } from './import-action';
import { createRealm, deleteRealm, listRealms } from './realm-list-repository';
import { loadSmtpSettings, loadTab, saveTab } from './repository';
import { REALM_TABS } from './tabs';

vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const SMTP_PASSWORD = 'smtp password never exported';

/** The demo realm, made valid (a real account code) and with an SMTP password stored. */
async function demoRealm() {
  await ensureDefaultCertificate();
  await seedDemoRealm();
  const demo = defined(
    (await listRealms()).find((realm) => realm.slug === 'mimecast-personal-portal'),
    'demo realm',
  );
  const postAuth = await loadTab(demo.id, 'post-authentication');
  await saveTab(TEST_ADMIN, demo.id, 'post-authentication', { ...postAuth.values, audience: 'us-api.mimecast.com.C0A0' }, postAuth.version);
  const overview = await loadTab(demo.id, 'overview');
  await saveTab(
    TEST_ADMIN,
    demo.id,
    'overview',
    {
      ...overview.values,
      smtpHost: 'mail.example.com',
      smtpSecurity: 'starttls',
      smtpUsername: 'idp',
      smtpPassword: { isSet: false, replacement: SMTP_PASSWORD },
      senderAddress: 'idp@example.com',
    },
    overview.version,
  );
  return demo;
}

const allTabs = async (realmId: string) =>
  Object.fromEntries(await Promise.all(REALM_TABS.map(async ({ slug }) => [slug, (await loadTab(realmId, slug)).values])));

const idOf = async (slug: string) =>
  defined(
    (await listRealms()).find((realm) => realm.slug === slug),
    slug,
  ).id;

describe('export and import', () => {
  test('round trip: every tab of the demo realm comes back; secrets are marked, never exported, never imported', async () => {
    const demo = await demoRealm();
    const before = await allTabs(demo.id);
    const file = await (await exportDownload(null)).text();
    expect(JSON.parse(file)).toMatchObject({ format: EXPORT_FORMAT, version: 1, realms: [{ slug: 'mimecast-personal-portal' }] });
    expect(JSON.parse(file).realms[0].tabs.overview.smtpPassword).toEqual({ omitted: true });
    expect(JSON.parse(file).realms[0].tabs.data.ldapPassword).toBeNull();
    expect(file).not.toContain(SMTP_PASSWORD);
    expect(file).not.toMatch(/v1\.[\w-]+\.[\w-]+\./); // no ciphertext either

    await deleteRealm(TEST_ADMIN, demo.id, 'Mimecast Personal Portal');
    const result = await importRealmsFromFile(file);
    expect(result).toEqual({
      ok: true,
      summary: {
        created: ['Mimecast Personal Portal'],
        updated: [],
        unchanged: [],
        notes: ['Mimecast Personal Portal: secrets are never imported: set the Password on its tabs.'],
      },
    });
    const after = await allTabs(await idOf('mimecast-personal-portal'));
    expect(after).toEqual({ ...before, overview: { ...before.overview, smtpPassword: { isSet: false, replacement: null } } });

    // The same file again changes nothing, and records nothing.
    const records = await db.changeRecord.count();
    expect(await importRealmsFromFile(file)).toMatchObject({ ok: true, summary: { unchanged: ['Mimecast Personal Portal'] } });
    expect(await db.changeRecord.count()).toBe(records);
  });

  test('updates a realm by slug in place: changed tabs only, recorded as an import, its stored password kept', async () => {
    const demo = await demoRealm();
    const exported = await exportRealms([demo.id]);
    const workflow = defined(exported.realms[0]).tabs.workflow;
    workflow.maxInvalidAttempts = 7;

    expect(await importRealmsFromFile(JSON.stringify(exported))).toMatchObject({
      ok: true,
      summary: { updated: ['Mimecast Personal Portal'] },
    });
    expect((await loadTab(demo.id, 'workflow')).values.maxInvalidAttempts).toBe(7);
    expect((await loadSmtpSettings(demo.id))?.password).toBe(SMTP_PASSWORD);
    const latest = await db.changeRecord.findFirst({ where: { realmId: demo.id }, orderBy: { id: 'desc' } });
    expect(latest).toMatchObject({ action: 'import', tab: 'workflow', adminId: expect.any(String) });
  });

  test('reports every problem with its path in the file, and changes nothing', async () => {
    const demo = await demoRealm();
    await createRealm(TEST_ADMIN, 'Taken name');
    const exported = await exportRealms([demo.id]);
    const tabs = defined(exported.realms[0]).tabs;
    tabs['post-authentication'].consumerUrl = 'javascript:alert(1)';
    tabs.workflow.maxInvalidAttempts = 'many';
    tabs.overview.smtpPassword = 'hunter2';
    const before = await databaseSnapshot(db);

    const result = await importRealmsFromFile(JSON.stringify(exported));
    expect(result).toMatchObject({ ok: false, message: 'Nothing was imported: the file has these problems.' });
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^realms\[0\]\.overview\.smtpPassword: A secret is never imported/),
        expect.stringMatching(/^realms\[0\]\.workflow\.maxInvalidAttempts: /),
        expect.stringMatching(/^realms\[0\]\.post-authentication\.consumerUrl: /),
      ]),
    );
    expect(JSON.stringify(result)).not.toContain('hunter2');

    // A new realm (another slug) whose name another realm has: refused at its name, in the transaction.
    const copy = await exportRealms([demo.id]);
    const realm = defined(copy.realms[0]);
    realm.slug = 'another-address';
    realm.tabs.overview.name = 'Taken name';
    expect(await importRealmsFromFile(JSON.stringify(copy))).toMatchObject({
      ok: false,
      problems: ['realms[0].overview.name: A realm named "Taken name" already exists. Choose another name.'],
    });
    expect(await databaseSnapshot(db)).toEqual(before);
  });

  test.each([
    ['not JSON', 'realms: yes', 'This file is not JSON: choose a file made by Export.'],
    ['another format', JSON.stringify({ format: 'other', version: 1, realms: [] }), 'format: Not a Realmgate realm export'],
    [
      'a later version',
      JSON.stringify({ format: EXPORT_FORMAT, version: 2, realms: [] }),
      'version: This Realmgate reads export version 1',
    ],
    [
      'a bad slug',
      JSON.stringify({ format: EXPORT_FORMAT, version: 1, realms: [{ slug: '../x', tabs: {} }] }),
      'realms[0].slug: Use lower-case',
    ],
  ])('refuses %s, saying why', async (_case, text, problem) => {
    const result = await importRealmsFromFile(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problems.join('\n')).toContain(problem);
  });

  test('a signing certificate this installation lacks: the realm signs with the default, and the import says so', async () => {
    const demo = await demoRealm();
    const exported = await exportRealms([demo.id]);
    defined(exported.realms[0]).tabs['post-authentication'].signingCertificateId = 'cert-from-elsewhere';
    const result = await importRealmsFromFile(JSON.stringify(exported));
    expect(result).toMatchObject({ ok: true, summary: { notes: [expect.stringContaining('signs with the default certificate')] } });
  });

  test('a next certificate this installation lacks: no switch is planned, and the import says so', async () => {
    const demo = await demoRealm();
    const exported = await exportRealms([demo.id]);
    const postAuth = defined(exported.realms[0]).tabs['post-authentication'];
    Object.assign(postAuth, { nextCertificateId: 'cert-from-elsewhere', switchAt: '2030-01-01T00:00' });
    const result = await importRealmsFromFile(JSON.stringify(exported));
    expect(result).toMatchObject({ ok: true, summary: { notes: [expect.stringContaining('no certificate switch is planned')] } });
    expect((await loadTab(demo.id, 'post-authentication')).values).toMatchObject({ nextCertificateId: '', switchAt: '' });
  });

  test('only administrators import; an unknown realm is a 404 to export', async () => {
    await signInAsTestAdmin('auditor');
    expect(await importRealmsFromFile('{}')).toMatchObject({ ok: false, message: expect.stringMatching(/auditor/) });
    await signInAsTestAdmin();
    expect((await exportDownload('no-such-realm')).status).toBe(404);
  });
});
