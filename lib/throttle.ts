import 'server-only';

import { db } from '@/lib/db';

/**
 * Failed-attempt throttles shared by every instance: the counters are rows, changed by single atomic statements.
 * An attempt is counted *before* it is evaluated (reserveAttempt), so parallel guesses cannot all be checked
 * before the first failure is counted: with `max` 5, at most 5 attempts are evaluated per window, however many
 * arrive at once. A success gives its reservation back (releaseAttempt) or clears the key (clearAttempts).
 */
export type ThrottlePolicy = { max: number; windowMs: number; lockMs: number };

export type Reservation = { ok: true } | { ok: false; retryAt: Date };

export async function reserveAttempt(key: string, policy: ThrottlePolicy, now: Date): Promise<Reservation> {
  // A window that has passed, or a lock that has ended, starts again from zero.
  await db.throttle.deleteMany({
    where: {
      key,
      OR: [{ lockedUntil: { lte: now } }, { lockedUntil: null, windowStart: { lte: new Date(now.getTime() - policy.windowMs) } }],
    },
  });
  const row = await db.throttle.upsert({
    where: { key },
    create: { key, count: 1, windowStart: now },
    update: { count: { increment: 1 } },
  });
  if (row.lockedUntil) return { ok: false, retryAt: row.lockedUntil };
  if (row.count <= policy.max) return { ok: true };
  const until = new Date(now.getTime() + policy.lockMs);
  // Only the first refused attempt sets the lock: a lock is never extended by the guesses it refuses.
  await db.throttle.updateMany({ where: { key, lockedUntil: null }, data: { lockedUntil: until } });
  const locked = await db.throttle.findUnique({ where: { key }, select: { lockedUntil: true } });
  return { ok: false, retryAt: locked?.lockedUntil ?? until };
}

/** The reserved attempt succeeded: it no longer counts as a failure. */
export async function releaseAttempt(key: string): Promise<void> {
  await db.throttle.updateMany({ where: { key, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}

export async function clearAttempts(key: string): Promise<void> {
  await db.throttle.deleteMany({ where: { key } });
}

/**
 * Deletes the rows of one kind of key (`prefix`) whose window and lock are over: they say nothing any more, and
 * keys such as client addresses would otherwise pile up. Idempotent, so every instance may run it on its way.
 */
export async function deleteExpiredAttempts(prefix: string, policy: ThrottlePolicy, now: Date): Promise<void> {
  await db.throttle.deleteMany({
    where: {
      key: { startsWith: prefix },
      windowStart: { lte: new Date(now.getTime() - policy.windowMs) },
      OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }],
    },
  });
}
