import { beforeAll, describe, expect, test } from 'vitest';

import { ensureDefaultCertificate } from '@/lib/certificates/store';
import { ConflictError } from '@/lib/errors';
import { TEST_ADMIN } from '@/test/admin';

import { createRealm, loadRealmSummary, renameRealm } from './realm-list-repository';
import { loadTab, saveTab } from './repository';

const OTHER_ADMIN = Object.freeze({ id: 'other-admin', username: 'other', role: 'administrator' as const });
let counter = 0;
const newRealm = () => createRealm(TEST_ADMIN, `Versions ${++counter}`);
const configurationVersion = async (realmId: string) => (await loadRealmSummary(realmId))?.version;

beforeAll(() => ensureDefaultCertificate());

describe('every tab has its own version', () => {
  test('admins A and B save different tabs of one realm, and neither conflicts', async () => {
    const realm = await newRealm();
    const a = await loadTab(realm.id, 'overview');
    const b = await loadTab(realm.id, 'post-authentication');
    await saveTab(TEST_ADMIN, realm.id, 'overview', { ...a.values, description: 'by A' }, a.version);
    await saveTab(OTHER_ADMIN, realm.id, 'post-authentication', { ...b.values, validHours: 4 }, b.version);
    expect((await loadTab(realm.id, 'overview')).values.description).toBe('by A');
    expect((await loadTab(realm.id, 'post-authentication')).values.validHours).toBe(4);
  });

  test('two saves of the same tab from one loaded version: the second conflicts with a message about this tab', async () => {
    const realm = await newRealm();
    const loaded = await loadTab(realm.id, 'workflow');
    await saveTab(TEST_ADMIN, realm.id, 'workflow', { ...loaded.values, maxInvalidAttempts: 8 }, loaded.version);
    const second = saveTab(OTHER_ADMIN, realm.id, 'workflow', { ...loaded.values, lockoutMinutes: 45 }, loaded.version);
    await expect(second).rejects.toThrow(ConflictError);
    await expect(second).rejects.toThrow(/saved this tab after you opened it/);
    expect((await loadTab(realm.id, 'workflow')).values).toMatchObject({ maxInvalidAttempts: 8, lockoutMinutes: 15 });
  });

  test('a save moves only its own tab version on, and the realm configuration version with it', async () => {
    const realm = await newRealm();
    const overview = await loadTab(realm.id, 'overview');
    const workflow = await loadTab(realm.id, 'workflow');
    const before = await configurationVersion(realm.id);
    const saved = await saveTab(TEST_ADMIN, realm.id, 'workflow', { ...workflow.values, lockoutMinutes: 20 }, workflow.version);
    expect(saved.version).toBe(workflow.version + 1);
    expect((await loadTab(realm.id, 'overview')).version).toBe(overview.version);
    expect(await configurationVersion(realm.id)).toBe((before ?? 0) + 1);
  });

  test('a rename changes an Overview field: it moves Overview on (a stale Overview save conflicts) and no other tab', async () => {
    const realm = await newRealm();
    const overview = await loadTab(realm.id, 'overview');
    const workflow = await loadTab(realm.id, 'workflow');
    const before = await configurationVersion(realm.id);
    await renameRealm(OTHER_ADMIN, realm.id, `Renamed ${counter}`);
    expect(await configurationVersion(realm.id)).toBe((before ?? 0) + 1);
    await expect(saveTab(TEST_ADMIN, realm.id, 'overview', { ...overview.values, description: 'stale' }, overview.version)).rejects.toThrow(
      ConflictError,
    );
    await expect(
      saveTab(TEST_ADMIN, realm.id, 'workflow', { ...workflow.values, lockoutMinutes: 30 }, workflow.version),
    ).resolves.toMatchObject({ version: workflow.version + 1 });
  });
});
