import { expect, test } from 'vitest';

import { clearAttempts, reserveAttempt } from './throttle';

const POLICY = { max: 5, windowMs: 60_000, lockMs: 60_000 };
const NOW = new Date('2026-11-30T12:00:00Z');

test('of 20 parallel attempts on one key, exactly max are let through, on any engine', async () => {
  const key = `parallel-${Math.random()}`;
  const reservations = await Promise.all(Array.from({ length: 20 }, () => reserveAttempt(key, POLICY, NOW)));
  expect(reservations.filter((reservation) => reservation.ok)).toHaveLength(POLICY.max);
  expect(reservations.find((reservation) => !reservation.ok)).toEqual({ ok: false, retryAt: new Date(NOW.getTime() + POLICY.lockMs) });
});

test('a lock ends after lockMs, and the count starts again', async () => {
  const key = `ends-${Math.random()}`;
  for (let i = 0; i <= POLICY.max; i += 1) await reserveAttempt(key, POLICY, NOW);
  expect((await reserveAttempt(key, POLICY, new Date(NOW.getTime() + 1000))).ok).toBe(false);
  expect((await reserveAttempt(key, POLICY, new Date(NOW.getTime() + POLICY.lockMs))).ok).toBe(true);
  await clearAttempts(key);
});
