import { beforeAll, describe, expect, test, vi } from 'vitest';

import { verifyDummyPassword, verifyPassword } from '@/lib/auth/password';

import { userStoreFor } from './index';
import { localUserStore } from './local';
import { createUser, loadUser, saveUser, setUserDisabled, setUserPassword } from './repository';
import { TEST_ADMIN } from '@/test/admin';

// Spies that still hash: they count which scrypt check each sign-in spent its time on.
vi.mock('@/lib/auth/password', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/auth/password')>();
  return { ...original, verifyPassword: vi.fn(original.verifyPassword), verifyDummyPassword: vi.fn(original.verifyDummyPassword) };
});

const PASSWORD = 'Tr0ub4dor&3 horse';

async function aliceWithProfile(username: string) {
  const created = await createUser(TEST_ADMIN, { username, password: PASSWORD });
  const { values, version } = await loadUser(created.id);
  await saveUser(
    TEST_ADMIN,
    created.id,
    {
      ...values,
      firstName: 'Alice',
      lastName: 'Liddell',
      email1: 'alice@example.com',
      email2: 'al@example.org',
      phone3: '+1 555 0100',
      auxId7: 'E-7',
      groups: 'Staff\nPayroll',
    },
    version,
  );
  return created;
}

describe('local user store', () => {
  test('is the store for the Local Directory; a realm without a usable store has none', () => {
    expect(userStoreFor({ kind: 'local' })).toBe(localUserStore);
    expect(userStoreFor({ kind: 'none', reason: 'data store "SQL Server" cannot sign users in' })).toBeNull();
  });

  test('signs a user in and returns every profile property, the authenticated user id and the groups', async () => {
    const created = await aliceWithProfile('Alice.Ok');
    const result = await localUserStore.authenticate('Alice.Ok', PASSWORD);
    expect(result).toEqual({
      ok: true,
      credentialStamp: expect.stringMatching(/^[\w-]{16}$/),
      profile: {
        userId: created.id,
        username: 'Alice.Ok',
        properties: {
          authenticatedUserId: 'Alice.Ok',
          firstName: 'Alice',
          lastName: 'Liddell',
          phone1: '',
          phone2: '',
          phone3: '+1 555 0100',
          phone4: '',
          email1: 'alice@example.com',
          email2: 'al@example.org',
          email3: '',
          email4: '',
          auxId1: '',
          auxId2: '',
          auxId3: '',
          auxId4: '',
          auxId5: '',
          auxId6: '',
          auxId7: 'E-7',
          auxId8: '',
          auxId9: '',
          auxId10: '',
        },
        groups: ['Staff', 'Payroll'],
      },
    });
  });

  describe('with the user Alice.Case', () => {
    beforeAll(async () => {
      await createUser(TEST_ADMIN, { username: 'Alice.Case', password: PASSWORD });
    });

    test.each(['alice.case', 'ALICE.CASE', ' Alice.Case '])('matches the username regardless of case: %j', async (typed) => {
      const result = await localUserStore.authenticate(typed, PASSWORD);
      expect(result.ok && result.profile.properties.authenticatedUserId).toBe('Alice.Case');
    });
  });

  test('refuses a wrong password', async () => {
    await createUser(TEST_ADMIN, { username: 'wrong.pw', password: PASSWORD });
    expect(await localUserStore.authenticate('wrong.pw', `${PASSWORD}!`)).toEqual({ ok: false, reason: 'wrong-password' });
  });

  test('refuses an unknown username', async () => {
    expect(await localUserStore.authenticate('nobody-here', PASSWORD)).toEqual({ ok: false, reason: 'unknown-user' });
  });

  test('refuses a disabled user even with the right password, and signs them in again once enabled', async () => {
    const created = await createUser(TEST_ADMIN, { username: 'disabled.user', password: PASSWORD });
    await setUserDisabled(TEST_ADMIN, created.id, true);
    expect(await localUserStore.authenticate('disabled.user', PASSWORD)).toEqual({ ok: false, reason: 'disabled' });
    await setUserDisabled(TEST_ADMIN, created.id, false);
    expect((await localUserStore.authenticate('disabled.user', PASSWORD)).ok).toBe(true);
  });

  test('a wrong password for a disabled user says wrong password: the disabled state is not revealed', async () => {
    const created = await createUser(TEST_ADMIN, { username: 'disabled.quiet', password: PASSWORD });
    await setUserDisabled(TEST_ADMIN, created.id, true);
    expect(await localUserStore.authenticate('disabled.quiet', 'not the password')).toEqual({ ok: false, reason: 'wrong-password' });
  });

  describe('with the user timing.user', () => {
    beforeAll(async () => {
      await createUser(TEST_ADMIN, { username: 'timing.user', password: PASSWORD });
    });

    test.each<[string, string, string]>([
      ['an unknown username', 'timing.nobody', 'not the password'],
      ['a wrong password', 'timing.user', 'not the password'],
      ['the right password', 'timing.user', PASSWORD],
    ])('spends exactly one scrypt computation for %s, so timing does not reveal usernames', async (_case, username, password) => {
      vi.mocked(verifyPassword).mockClear();
      vi.mocked(verifyDummyPassword).mockClear();
      await localUserStore.authenticate(username, password);
      expect(vi.mocked(verifyPassword).mock.calls.length + vi.mocked(verifyDummyPassword).mock.calls.length).toBe(1);
      expect(vi.mocked(verifyDummyPassword).mock.calls.length).toBe(username === 'timing.nobody' ? 1 : 0);
    });
  });

  test('nothing returned on success contains the password or its hash', async () => {
    await createUser(TEST_ADMIN, { username: 'no.leak', password: PASSWORD });
    const text = JSON.stringify(await localUserStore.authenticate('no.leak', PASSWORD));
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('scrypt');
  });

  test('an SSO session reads the user again: gone when disabled or deleted, a new stamp after a new password', async () => {
    const created = await aliceWithProfile('Alice.Session');
    const signedIn = await localUserStore.authenticate('alice.session', PASSWORD);
    if (!signedIn.ok) throw new Error('sign-in failed');
    expect(await localUserStore.loadActiveUser(created.id)).toEqual({
      profile: signedIn.profile,
      credentialStamp: signedIn.credentialStamp,
    });
    await setUserPassword(TEST_ADMIN, created.id, 'a different long password');
    expect((await localUserStore.loadActiveUser(created.id))?.credentialStamp).not.toBe(signedIn.credentialStamp);
    await setUserDisabled(TEST_ADMIN, created.id, true);
    expect(await localUserStore.loadActiveUser(created.id)).toBeNull();
    expect(await localUserStore.loadActiveUser('no-such-user')).toBeNull();
  });
});

describe('username-first workflows', () => {
  test('find an enabled user by username without a password, and check the password later by id', async () => {
    const created = await aliceWithProfile('first.step');
    const found = await localUserStore.findUser('FIRST.STEP');
    expect(found?.profile).toMatchObject({ userId: created.id, username: 'first.step' });
    expect(await localUserStore.verifyPassword(created.id, PASSWORD)).toMatchObject({ ok: true, profile: { userId: created.id } });
    expect(await localUserStore.verifyPassword(created.id, 'wrong password!')).toEqual({ ok: false, reason: 'wrong-password' });
    expect(await localUserStore.verifyPassword('no-such-id', PASSWORD)).toEqual({ ok: false, reason: 'unknown-user' });
    expect(await localUserStore.findUser('nobody.here')).toBeNull();
  });

  test('a disabled user is not found, and their password step fails as disabled', async () => {
    const created = await aliceWithProfile('first.disabled');
    await setUserDisabled(TEST_ADMIN, created.id, true);
    expect(await localUserStore.findUser('first.disabled')).toBeNull();
    expect(await localUserStore.verifyPassword(created.id, PASSWORD)).toEqual({ ok: false, reason: 'disabled' });
  });
});
