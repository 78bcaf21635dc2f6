import { describe, expect, test } from 'vitest';

import { db } from '@/lib/db';
import { signInAsTestAdmin } from '@/test/admin-session';
import { TEST_ADMIN } from '@/test/admin';

import {
  type AdminSummary,
  createAdmin,
  ensureFirstAdmin,
  findAdminByCredentials,
  listAdmins,
  resetAdminPassword,
  setAdminDisabled,
} from './admins';

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
    const only = await createAdmin(TEST_ADMIN, { username: 'only-admin', role: 'administrator', password: 'a long enough password' });
    await expect(setAdminDisabled(auditor, only.id, true)).rejects.toMatchObject({
      fieldErrors: { disabled: 'This is the last enabled administrator: it cannot be disabled.' },
    });
    const second = await createAdmin(TEST_ADMIN, { username: 'second-admin', role: 'administrator', password: 'a long enough password' });
    await setAdminDisabled(second, only.id, true);
    expect((await listAdmins()).find((admin) => admin.id === only.id)?.disabled).toBe(true);
  });

  test('administrators disabling each other all at once: one of them stays enabled', async () => {
    await db.admin.deleteMany();
    const password = 'a long enough password';
    const admins: AdminSummary[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) {
      admins.push(await createAdmin(TEST_ADMIN, { username: `admin-${name}`, role: 'administrator', password }));
    }

    // Each disables the next, in a ring: every one of them sees others left, unless they take turns.
    const outcomes = await Promise.allSettled(
      admins.map((admin, i) => setAdminDisabled(admin, admins[(i + 1) % admins.length]?.id ?? '', true)),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => String(outcome.reason))).toEqual([
      'ValidationError: This is the last enabled administrator: it cannot be disabled.',
    ]);
    expect((await listAdmins()).filter((admin) => !admin.disabled)).toHaveLength(1);
  });

  test('usernames are unique regardless of case', async () => {
    await createAdmin(TEST_ADMIN, { username: 'Casey', role: 'auditor', password: 'a long enough password' });
    await expect(createAdmin(TEST_ADMIN, { username: 'CASEY', role: 'auditor', password: 'a long enough password' })).rejects.toMatchObject(
      {
        fieldErrors: { username: expect.stringMatching(/already exists/) },
      },
    );
  });
});

describe('admin changes in the history', () => {
  test('add, disable, enable and password resets are recorded with the actor; passwords only as "changed"', async () => {
    const actor = await signInAsTestAdmin();
    const password = 'recorded admin password';
    const admin = await createAdmin(actor, { username: 'recorded-admin', role: 'auditor', password });
    await setAdminDisabled(actor, admin.id, true);
    await setAdminDisabled(actor, admin.id, false);
    await resetAdminPassword(actor, admin.id, 'another recorded password');
    const records = await db.changeRecord.findMany({ where: { objectType: 'admin', objectId: admin.id }, orderBy: { id: 'asc' } });
    expect(records.map((record) => [record.action, record.adminId])).toEqual([
      ['create', actor.id],
      ['disable', actor.id],
      ['enable', actor.id],
      ['password', actor.id],
    ]);
    expect(JSON.parse(records[0]?.changes ?? '[]')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'role', after: 'Auditor' }),
        { field: 'password', label: 'Password', changed: true },
      ]),
    );
    const stored = JSON.stringify(records);
    for (const secret of [password, 'another recorded password', 'scrypt$']) expect(stored).not.toContain(secret);
  });
});
