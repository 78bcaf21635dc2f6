import { describe, expect, test } from 'vitest';

import { db } from '@/lib/db';
import { signInAsTestAdmin } from '@/test/admin-session';
import { testRequestCookie } from '@/test/next-request';
import { TEST_ADMIN } from '@/test/admin';

import { adminCookie } from './admin';
import { changeOwnPassword, createAdmin, resetAdminPassword, setAdminDisabled } from './admins';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, createSession, endSession, resolveSession } from './sessions';

const T0 = new Date('2026-11-30T08:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;

async function newAdmin(role: 'administrator' | 'auditor' = 'administrator') {
  return createAdmin(TEST_ADMIN, { username: `a-${Math.random().toString(36).slice(2, 10)}`, role, password: 'a long enough password' });
}

describe('admin sessions', () => {
  test('are stored hashed: the database never holds the token', async () => {
    const admin = await newAdmin();
    const token = await createSession(admin.id, T0);
    expect(await db.adminSession.count({ where: { id: token } })).toBe(0);
    expect((await resolveSession(token, T0))?.id).toBe(admin.id);
  });

  test('end after 30 minutes without activity; activity keeps them alive', async () => {
    const admin = await newAdmin();
    const token = await createSession(admin.id, T0);
    expect(await resolveSession(token, at(IDLE_TIMEOUT_MS - MINUTE))).not.toBeNull(); // activity at 29 min …
    expect(await resolveSession(token, at(2 * IDLE_TIMEOUT_MS - 2 * MINUTE))).not.toBeNull(); // … keeps it alive at 58
    const idle = await createSession(admin.id, T0);
    expect(await resolveSession(idle, at(IDLE_TIMEOUT_MS))).toBeNull();
    expect(await resolveSession(idle, T0)).toBeNull(); // ended for good, not only "for now"
  });

  test('end 12 hours after sign-in, however active', async () => {
    const admin = await newAdmin();
    const token = await createSession(admin.id, T0);
    for (let minutes = 20; minutes < ABSOLUTE_TIMEOUT_MS / MINUTE; minutes += 20) {
      expect(await resolveSession(token, at(minutes * MINUTE))).not.toBeNull();
    }
    expect(await resolveSession(token, at(ABSOLUTE_TIMEOUT_MS))).toBeNull();
  });

  test('sign-out ends the session at once', async () => {
    const admin = await newAdmin();
    const token = await createSession(admin.id, T0);
    await endSession(token);
    expect(await resolveSession(token, T0)).toBeNull();
  });

  test('disabling an admin ends every session of theirs at once', async () => {
    const actor = await signInAsTestAdmin();
    const admin = await newAdmin('auditor');
    const sessions = [await createSession(admin.id, T0), await createSession(admin.id, T0)];
    await setAdminDisabled(actor, admin.id, true);
    for (const token of sessions) expect(await resolveSession(token, T0)).toBeNull();
    await setAdminDisabled(actor, admin.id, false);
    for (const token of sessions) expect(await resolveSession(token, T0)).toBeNull(); // enabling does not revive them
  });

  test('a session of an admin marked disabled is refused, even if its row was not deleted', async () => {
    const admin = await newAdmin();
    const token = await createSession(admin.id, T0);
    await db.admin.update({ where: { id: admin.id }, data: { disabled: true } }); // e.g. by hand in the database
    expect(await resolveSession(token, T0)).toBeNull();
  });

  test('a reset password ends their sessions; changing your own ends only your other sessions', async () => {
    const admin = await newAdmin();
    const before = await createSession(admin.id, T0);
    await resetAdminPassword(TEST_ADMIN, admin.id, 'another long password');
    expect(await resolveSession(before, T0)).toBeNull();
    const here = await createSession(admin.id, T0);
    const elsewhere = await createSession(admin.id, T0);
    await changeOwnPassword(admin, 'another long password', 'a third long password', here);
    expect(await resolveSession(here, T0)).not.toBeNull();
    expect(await resolveSession(elsewhere, T0)).toBeNull();
  });

  test('the cookie is host-only and Secure with an https public URL', () => {
    expect(adminCookie({})).toEqual({ name: 'realmgate_admin', secure: false });
    expect(adminCookie({ REALMGATE_PUBLIC_URL: 'https://idp.example.com' })).toEqual({ name: '__Host-realmgate_admin', secure: true });
    expect(testRequestCookie(adminCookie().name)).toBeDefined(); // test/setup.ts signed this file in
  });
});
