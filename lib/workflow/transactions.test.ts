import { beforeAll, describe, expect, test } from 'vitest';

import { db } from '@/lib/db';
import { createRealm } from '@/lib/realm/realm-list-repository';
import { TEST_ADMIN } from '@/test/admin';

import { SIGN_IN_LIFETIME_MS, WORKFLOW_STEPS } from './machine';
import { finishTransaction, loadTransaction, reserveCodeAttempt, startTransaction, updateTransaction } from './transactions';

const NOW = Date.parse('2026-12-02T09:00:00Z');
let realmId = '';
beforeAll(async () => {
  realmId = (await createRealm(TEST_ADMIN, 'Transactions')).id;
});

const start = () =>
  startTransaction(
    { realmId, steps: WORKFLOW_STEPS['username-password-second-factor'], done: 1, privateDevice: true, username: 'jane' },
    NOW,
  );

describe('sign-in transactions in the database', () => {
  test('the row holds the SHA-256 of the cookie token, never the token, and reads back as started', async () => {
    const { token, transaction } = await start();
    expect(token).toMatch(/^[\w-]{22}$/); // 128 random bits
    expect(await db.signInTransaction.count({ where: { id: token } })).toBe(0);
    expect(await loadTransaction(token)).toEqual(transaction);
    expect(transaction).toMatchObject({
      realmId,
      done: 1,
      version: 1,
      expiresAt: NOW + SIGN_IN_LIFETIME_MS,
      steps: ['username', 'password', 'second-factor'],
    });
    const other = token.startsWith('A') ? 'B' : 'A';
    expect(await loadTransaction(`${other}${token.slice(1)}`)).toBeNull();
    expect(await loadTransaction('not a token')).toBeNull();
  });

  test('of two changes made from the same loaded version, exactly one applies', async () => {
    const { token, transaction } = await start();
    const results = await Promise.all([updateTransaction(transaction, { done: 2 }), updateTransaction(transaction, { done: 2 })]);
    expect(results.sort()).toEqual([false, true]);
    expect(await loadTransaction(token)).toMatchObject({ done: 2, version: 2 });
  });

  test('a sign-in ends once: finishing from a stale version does nothing', async () => {
    const { transaction } = await start();
    await updateTransaction(transaction, { method: 'email1' });
    expect(await db.$transaction((tx) => finishTransaction(tx, transaction))).toBe(false);
    const current = { ...transaction, version: transaction.version + 1 };
    const finished = await Promise.all([
      db.$transaction((tx) => finishTransaction(tx, current)),
      db.$transaction((tx) => finishTransaction(tx, current)),
    ]);
    expect(finished.sort()).toEqual([false, true]);
  });

  test('sign-ins past their expiry are deleted when the next one starts', async () => {
    const { token } = await start();
    await startTransaction(
      { realmId, steps: ['username', 'password'], done: 1, privateDevice: false, username: 'kim' },
      NOW + SIGN_IN_LIFETIME_MS,
    );
    expect(await loadTransaction(token)).toBeNull();
  });

  test('a passcode try is counted before comparing: of parallel tries, at most Max Attempts get through', async () => {
    const { token, transaction } = await start();
    await updateTransaction(transaction, { codeHash: 'h', codesSent: 1 });
    const loaded = await loadTransaction(token);
    if (!loaded) throw new Error('gone');
    const tries = await Promise.all(Array.from({ length: 12 }, () => reserveCodeAttempt(loaded, 3)));
    expect(tries.filter(Boolean)).toHaveLength(3);
    await updateTransaction(loaded, { codeHash: 'h2', codeAttempts: 0 }); // a new code: its own tries
    expect(await reserveCodeAttempt(loaded, 3)).toBe(false); // … but not for a page still holding the old code
  });
});
