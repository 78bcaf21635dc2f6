import { describe, expect, test, vi } from 'vitest';

import { TEST_ADMIN } from '@/test/admin';

import * as admins from './admins';
import { createAdmin } from './admins';
import { resolveSession } from './sessions';
import { ACCOUNT_THROTTLE, ADDRESS_THROTTLE, INVALID_SIGN_IN, signInAdmin } from './sign-in';

const NOW = new Date('2026-11-30T09:00:00Z');
const PASSWORD = 'a long enough password';
let counter = 0;

async function newAdmin() {
  counter += 1;
  return createAdmin(TEST_ADMIN, { username: `signin-${counter}`, role: 'administrator', password: PASSWORD });
}

const attempt = (username: string, password: string, address = `192.0.2.${counter}`, now = NOW) =>
  signInAdmin({ username, password, address }, now);

describe('admin sign-in', () => {
  test('starts a session with the right password, case-insensitively', async () => {
    const admin = await newAdmin();
    const outcome = await attempt(admin.username.toUpperCase(), PASSWORD);
    expect(outcome.ok).toBe(true);
    expect(outcome.ok && (await resolveSession(outcome.token, NOW))?.id).toBe(admin.id);
  });

  test('says the same for a wrong password, an unknown account and a disabled one', async () => {
    const admin = await newAdmin();
    const disabled = await newAdmin();
    await admins.setAdminDisabled(admin, disabled.id, true);
    expect(await attempt(admin.username, 'wrong password!!')).toEqual({ ok: false, message: INVALID_SIGN_IN });
    expect(await attempt('nobody-here', PASSWORD)).toEqual({ ok: false, message: INVALID_SIGN_IN });
    expect(await attempt(disabled.username, PASSWORD)).toEqual({ ok: false, message: INVALID_SIGN_IN });
  });

  test('throttles an account after its failures, from any address, even with the right password', async () => {
    const admin = await newAdmin();
    for (let i = 0; i < ACCOUNT_THROTTLE.max; i += 1) await attempt(admin.username, 'wrong password!!', `198.51.100.${i}`);
    const outcome = await attempt(admin.username, PASSWORD, '203.0.113.50');
    expect(outcome).toEqual({ ok: false, message: 'Too many failed sign-ins. Try again in 15 minutes.' });
    expect((await attempt(admin.username, PASSWORD, '203.0.113.50', new Date(NOW.getTime() + ACCOUNT_THROTTLE.lockMs))).ok).toBe(true);
  });

  test('throttles an unknown account exactly like a real one', async () => {
    for (let i = 0; i < ACCOUNT_THROTTLE.max; i += 1) await attempt('ghost-admin', 'wrong password!!', `198.51.100.${i}`);
    expect((await attempt('ghost-admin', PASSWORD, '203.0.113.51')).ok && 'signed in').toBe(false);
    expect(await attempt('GHOST-ADMIN', PASSWORD, '203.0.113.51')).toEqual({
      ok: false,
      message: 'Too many failed sign-ins. Try again in 15 minutes.',
    });
  });

  // Each attempt costs one scrypt computation: these tests make two dozen of them.
  test('throttles an address that guesses across many accounts', { timeout: 60_000 }, async () => {
    const admin = await newAdmin();
    const address = '203.0.113.99';
    for (let i = 0; i < ADDRESS_THROTTLE.max; i += 1) await attempt(`someone-${i}`, 'wrong password!!', address);
    expect((await attempt(admin.username, PASSWORD, address)).ok).toBe(false);
    expect((await attempt(admin.username, PASSWORD, '203.0.113.100')).ok).toBe(true);
  });

  test('a successful sign-in does not count against its address', { timeout: 60_000 }, async () => {
    const admin = await newAdmin();
    const address = '203.0.113.150';
    for (let i = 0; i < ADDRESS_THROTTLE.max + 3; i += 1) expect((await attempt(admin.username, PASSWORD, address)).ok).toBe(true);
  });

  test('parallel guesses: no more passwords are checked than the limit, and the right one then fails too', async () => {
    const admin = await newAdmin();
    const check = vi.spyOn(admins, 'findAdminByCredentials');
    const guesses = Array.from({ length: 12 }, (_, i) => attempt(admin.username, `wrong password ${i}`, `198.51.100.${i}`));
    expect((await Promise.all(guesses)).every((outcome) => !outcome.ok)).toBe(true);
    expect(check).toHaveBeenCalledTimes(ACCOUNT_THROTTLE.max);
    expect((await attempt(admin.username, PASSWORD, '203.0.113.7')).ok).toBe(false);
    check.mockRestore();
  });
});
