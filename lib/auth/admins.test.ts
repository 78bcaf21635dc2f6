import { describe, expect, test } from 'vitest';

import { db } from '@/lib/db';
import { signInAsTestAdmin } from '@/test/admin-session';

import { createAdmin, ensureFirstAdmin, findAdminByCredentials, listAdmins, setAdminDisabled } from './admins';

describe('the first administrator', () => {
  test('is created on first start with REALMGATE_ADMIN_PASSWORD, and only then', async () => {
    await db.admin.deleteMany();
    const env = { REALMGATE_ADMIN_USERNAME: 'root', REALMGATE_ADMIN_PASSWORD: 'the operator chose this' };
    expect(await ensureFirstAdmin(env)).toEqual({ username: 'root' }); // nothing to print: the operator knows it
    expect(await findAdminByCredentials('root', 'the operator chose this')).toMatchObject({ role: 'administrator', disabled: false });
    expect(await ensureFirstAdmin(env)).toBeNull();
    expect(await listAdmins()).toHaveLength(1);
  });

  test('gets a random password, returned once to print, when none is set', async () => {
    await db.admin.deleteMany();
    const created = await ensureFirstAdmin({});
    expect(created?.username).toBe('admin');
    const password = created?.generatedPassword ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(await findAdminByCredentials('admin', password)).not.toBeNull();
    expect(await ensureFirstAdmin({})).toBeNull();
  });

  test('refuses a REALMGATE_ADMIN_PASSWORD that is too short, naming the setting', async () => {
    await db.admin.deleteMany();
    await expect(ensureFirstAdmin({ REALMGATE_ADMIN_PASSWORD: 'short' })).rejects.toThrow(/REALMGATE_ADMIN_PASSWORD.*at least 12/);
    expect(await listAdmins()).toHaveLength(0);
  });
});

describe('disabling admins', () => {
  test('an admin cannot disable themselves', async () => {
    const self = await signInAsTestAdmin();
    await expect(setAdminDisabled(self, self.id, true)).rejects.toThrow(/Some values|own account/);
    expect((await listAdmins()).find((admin) => admin.id === self.id)?.disabled).toBe(false);
  });

  test('the last enabled administrator cannot be disabled', async () => {
    await db.admin.deleteMany();
    const auditor = await signInAsTestAdmin('auditor');
    const only = await createAdmin({ username: 'only-admin', role: 'administrator', password: 'a long enough password' });
    await expect(setAdminDisabled(auditor, only.id, true)).rejects.toMatchObject({
      fieldErrors: { disabled: 'This is the last enabled administrator: it cannot be disabled.' },
    });
    const second = await createAdmin({ username: 'second-admin', role: 'administrator', password: 'a long enough password' });
    await setAdminDisabled(second, only.id, true);
    expect((await listAdmins()).find((admin) => admin.id === only.id)?.disabled).toBe(true);
  });

  test('usernames are unique regardless of case', async () => {
    await createAdmin({ username: 'Casey', role: 'auditor', password: 'a long enough password' });
    await expect(createAdmin({ username: 'CASEY', role: 'auditor', password: 'a long enough password' })).rejects.toMatchObject({
      fieldErrors: { username: expect.stringMatching(/already exists/) },
    });
  });
});
