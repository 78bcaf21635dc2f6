import 'server-only';

import { db } from '@/lib/db';

/**
 * Account Lockout (Workflow tab): after Max Invalid Attempts failed sign-ins with one username at a realm,
 * that username is refused for Lockout Minutes. Unknown usernames count too, so a lockout never tells an
 * attacker which usernames exist.
 */
export type LockoutPolicy = { maxInvalidAttempts: number; lockoutMinutes: number };

const key = (realmId: string, username: string) => ({ realmId, usernameKey: username.trim().toLowerCase() });

/** When the username is locked out until, or null when it may try. */
export async function lockedUntil(realmId: string, username: string, now: Date): Promise<Date | null> {
  const row = await db.signInFailure.findUnique({ where: { realmId_usernameKey: key(realmId, username) } });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/** Counts a failed sign-in; returns the lockout end when this failure starts one. */
export async function recordFailure(realmId: string, username: string, policy: LockoutPolicy, now: Date): Promise<Date | null> {
  return db.$transaction(async (tx) => {
    const where = { realmId_usernameKey: key(realmId, username) };
    const row = await tx.signInFailure.findUnique({ where });
    // A lockout that has ended starts a fresh count.
    const previous = row && !(row.lockedUntil && row.lockedUntil <= now) ? row.count : 0;
    const count = previous + 1;
    const locked = count >= policy.maxInvalidAttempts ? new Date(now.getTime() + policy.lockoutMinutes * 60_000) : null;
    const data = { count: locked ? 0 : count, lockedUntil: locked };
    await tx.signInFailure.upsert({ where, create: { ...key(realmId, username), ...data }, update: data });
    return locked;
  });
}

export async function clearFailures(realmId: string, username: string): Promise<void> {
  await db.signInFailure.deleteMany({ where: key(realmId, username) });
}
