import { describe, expect, test } from 'vitest';

import { db } from '@/lib/db';

import { clearFailures, lockedUntil, releaseAttempt, reserveAttempt } from './lockout';

const REALM = 'lockout-realm';
const NOW = new Date('2026-11-28T12:00:00Z');
const POLICY = { maxInvalidAttempts: 3, lockoutMinutes: 10 };
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
let names = 0;
const freshName = () => `user${(names += 1)}`;

/** Reserves `n` attempts one after another (each one a failure: nothing clears them). */
async function fail(username: string, n: number, when = NOW, policy = POLICY) {
  for (let i = 0; i < n; i += 1) await reserveAttempt(REALM, username, policy, when);
}

describe('Account Lockout', () => {
  test('of 20 parallel attempts, exactly Max Invalid Attempts are let through to a password check', async () => {
    const username = freshName();
    const attempts = await Promise.all(Array.from({ length: 20 }, () => reserveAttempt(REALM, username, POLICY, NOW)));
    expect(attempts.filter((attempt) => attempt.reserved)).toHaveLength(3);
    expect(attempts.filter((attempt) => !attempt.reserved)).toEqual(Array(17).fill({ reserved: false, lockedUntil: at(10) }));
  });

  test('the attempt that takes the last one starts the lockout; at its end the name may try again', async () => {
    const username = freshName();
    await fail(username, 2);
    expect(await lockedUntil(REALM, username, NOW)).toBeNull();
    await fail(username, 1);
    expect(await lockedUntil(REALM, username, NOW)).toEqual(at(10));
    expect(await reserveAttempt(REALM, username, POLICY, at(9.9))).toEqual({ reserved: false, lockedUntil: at(10) });
    expect(await reserveAttempt(REALM, username, POLICY, at(10))).toEqual({ reserved: true });
    await fail(username, 1, at(10)); // a fresh count: 2 of 3, no lockout yet
    expect(await lockedUntil(REALM, username, at(10))).toBeNull();
  });

  test('an existing lockout is never shortened, not even by a shorter Lockout Minutes or a higher Max Invalid Attempts', async () => {
    const username = freshName();
    await fail(username, 3);
    for (const policy of [POLICY, { maxInvalidAttempts: 3, lockoutMinutes: 1 }, { maxInvalidAttempts: 10, lockoutMinutes: 10 }]) {
      expect(await reserveAttempt(REALM, username, policy, at(5))).toEqual({ reserved: false, lockedUntil: at(10) });
    }
    expect(await lockedUntil(REALM, username, at(5))).toEqual(at(10));
  });

  test('attempts further apart than Lockout Minutes do not add up', async () => {
    const username = freshName();
    for (const minutes of [0, 11, 22, 33]) await fail(username, 1, at(minutes));
    expect(await lockedUntil(REALM, username, at(33))).toBeNull();
    await fail(username, 2, at(34)); // the third within 10 minutes of the one before
    expect(await lockedUntil(REALM, username, at(34))).toEqual(at(44));
  });

  test('a success clears the count', async () => {
    const username = freshName();
    await fail(username, 2);
    await clearFailures(REALM, username);
    await fail(username, 2);
    expect(await lockedUntil(REALM, username, NOW)).toBeNull();
  });

  test.each([
    ['upper case', 'JOSÉ'],
    ['decomposed (NFD)', 'jose\u0301'],
  ])('another spelling of the name (%s) shares the count', async (_case, spelling) => {
    const realm = `${REALM}-${spelling}`;
    await reserveAttempt(realm, 'josé', POLICY, NOW);
    await reserveAttempt(realm, 'José', POLICY, NOW);
    await reserveAttempt(realm, spelling, POLICY, NOW);
    expect(await lockedUntil(realm, 'josé', NOW)).toEqual(at(10));
  });

  test('each realm counts on its own', async () => {
    const username = freshName();
    await fail(username, 3);
    expect(await reserveAttempt(`${REALM}-other`, username, POLICY, NOW)).toEqual({ reserved: true });
  });

  test('a right answer at a step with more to come gives its own count back, never the failures before it', async () => {
    const username = freshName();
    await fail(username, 2);
    await reserveAttempt(REALM, username, POLICY, NOW); // the third: it takes the last one and starts the lockout
    expect(await lockedUntil(REALM, username, NOW)).toEqual(at(10));
    await releaseAttempt(REALM, username, POLICY); // … but it was right: its lockout ends with it
    expect(await lockedUntil(REALM, username, NOW)).toBeNull();
    await fail(username, 1); // the two failures before still count: one more locks
    expect(await lockedUntil(REALM, username, NOW)).toEqual(at(10));
  });

  test('with Max Invalid Attempts 1, a right answer gives its reservation back and the next step may try', async () => {
    const username = freshName();
    const policy = { maxInvalidAttempts: 1, lockoutMinutes: 10 };
    expect(await reserveAttempt(REALM, username, policy, NOW)).toEqual({ reserved: true });
    await releaseAttempt(REALM, username, policy);
    expect(await reserveAttempt(REALM, username, policy, NOW)).toEqual({ reserved: true });
  });

  test("rows whose window and lockout are over are deleted by the realm's next attempt; live ones stay", async () => {
    const realm = `${REALM}-clean-up`;
    await reserveAttempt(realm, 'guessed-name', POLICY, NOW);
    await reserveAttempt(realm, 'locked-name', POLICY, NOW);
    for (let i = 0; i < 3; i += 1) await reserveAttempt(realm, 'locked-name', POLICY, NOW);
    await reserveAttempt(realm, 'recent-name', POLICY, at(5));
    await reserveAttempt(realm, 'someone-else', POLICY, at(10));
    const names = await db.signInFailure.findMany({ where: { realmId: realm }, select: { usernameKey: true } });
    // guessed-name's window ended at 10; locked-name is locked until 10 (over at 10): both go. recent-name stays.
    expect(names.map((row) => row.usernameKey).sort()).toEqual(['recent-name', 'someone-else']);
  });
});
