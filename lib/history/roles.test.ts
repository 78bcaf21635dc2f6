import { beforeAll, describe, expect, test, vi } from 'vitest';

import { generateCertificateFromForm, makeDefaultCertificateFromForm } from '@/lib/certificates/actions';
import { ensureDefaultCertificate } from '@/lib/certificates/store';
import { db } from '@/lib/db';
import { createUserFromForm, saveUserFromForm } from '@/lib/directory/user-actions';
import { createRealmFromForm, deleteRealmFromForm, duplicateRealmFromForm, renameRealmFromForm } from '@/lib/realm/list-actions';
import { createRealm } from '@/lib/realm/realm-list-repository';
import { loadTab, saveTab } from '@/lib/realm/repository';
import { saveTabFromForm } from '@/lib/realm/save-tab';
import { TEST_ADMIN } from '@/test/admin';
import { defined } from '@/test/defined';

import { loadChangeRecordPage, loadHistoryPage } from './pages';
import { restoreFromForm } from './restore';

/** requireAdmin as lib/auth will answer: the signed-in admin, and a refusal where an auditor asks to change something. */
const session = vi.hoisted(() => ({ role: 'administrator' as 'administrator' | 'auditor' }));
vi.mock('@/lib/auth/admin', () => ({
  requireAdmin: async (required?: 'administrator') => {
    if (required === 'administrator' && session.role !== 'administrator') throw new Error('administrators only');
    return { id: `${session.role}-1`, username: session.role, role: session.role };
  },
}));

let realmId = '';
let recordId = 0;

beforeAll(async () => {
  await ensureDefaultCertificate();
  const realm = await createRealm(TEST_ADMIN, 'Audited');
  const loaded = await loadTab(realm.id, 'workflow');
  await saveTab(TEST_ADMIN, realm.id, 'workflow', { ...loaded.values, lockoutMinutes: 30 }, loaded.version);
  realmId = realm.id;
  recordId = defined(await db.changeRecord.findFirst({ where: { realmId }, orderBy: { id: 'desc' } })).id;
});

describe('an auditor sees the history and changes nothing', () => {
  test('the history and a record are open to an auditor, without Restore', async () => {
    session.role = 'auditor';
    expect((await loadHistoryPage({})).records.map((record) => record.id)).toContain(recordId);
    expect(await loadChangeRecordPage(String(recordId))).toMatchObject({ canRestore: false, restore: { kind: 'tab' } });
    session.role = 'administrator';
    expect(await loadChangeRecordPage(String(recordId))).toMatchObject({ canRestore: true });
  });

  test.each<[string, () => Promise<unknown>]>([
    ['restore', () => restoreFromForm(recordId, 2)],
    ['a tab save', async () => saveTabFromForm('workflow', realmId, 2, (await loadTab(realmId, 'workflow')).values)],
    ['create realm', () => createRealmFromForm({ name: 'By an auditor' })],
    ['rename realm', () => renameRealmFromForm(realmId, { name: 'Renamed by an auditor' })],
    ['duplicate realm', () => duplicateRealmFromForm(realmId, { name: 'Copied by an auditor' })],
    ['delete realm', () => deleteRealmFromForm(realmId, { confirmName: 'Audited' })],
    ['generate certificate', () => generateCertificateFromForm({ commonName: 'By an auditor', bits: 2048, years: 1 })],
    ['make a certificate default', () => makeDefaultCertificateFromForm({ id: 'x' })],
    ['add a directory user', () => createUserFromForm({ username: 'auditor.made', password: 'a long enough password' })],
    ['save a directory user', () => saveUserFromForm('x', 1, {})],
  ])('the server refuses %s from an auditor, and nothing is recorded', async (_case, change) => {
    session.role = 'auditor';
    const records = await db.changeRecord.count();
    try {
      await expect(change()).rejects.toThrow('administrators only');
    } finally {
      session.role = 'administrator';
    }
    expect(await db.changeRecord.count()).toBe(records);
  });

  test('the admin who makes a change is its actor', async () => {
    const loaded = await loadTab(realmId, 'workflow');
    expect((await saveTabFromForm('workflow', realmId, loaded.version, { ...loaded.values, lockoutMinutes: 31 })).ok).toBe(true);
    const latest = await db.changeRecord.findFirst({ where: { realmId }, orderBy: { id: 'desc' } });
    expect(latest).toMatchObject({ adminId: 'administrator-1', adminUsername: 'administrator' });
  });
});
