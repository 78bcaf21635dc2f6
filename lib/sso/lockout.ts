import 'server-only';

import { db } from '@/lib/db';
import { toUsernameKey } from '@/lib/directory/schemas';

/**
 * Account Lockout (Workflow tab): after Max Invalid Attempts failed sign-ins with one username at a realm,
 * within Lockout Minutes of each other, that username is refused for Lockout Minutes. Unknown usernames count
 * too, so a lockout never tells an attacker which usernames exist. Usernames are keyed as the directory keys
 * them (case and Unicode composition folded), so another spelling of the same name shares the count.
 */
export type LockoutPolicy = { maxInvalidAttempts: number; lockoutMinutes: number };

const key = (realmId: string, username: string) => ({ realmId, usernameKey: toUsernameKey(username) });

/** When the username is locked out until, or null when it may try. */
export async function lockedUntil(realmId: string, username: string, now: Date): Promise<Date | null> {
  const row = await db.signInFailure.findUnique({ where: { realmId_usernameKey: key(realmId, username) } });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/** Counts a failed sign-in; returns the end of the lockout it is under (an existing one is never shortened). */
export async function recordFailure(realmId: string, username: string, policy: LockoutPolicy, now: Date): Promise<Date | null> {
  return db.$transaction(async (tx) => {
    const where = { realmId_usernameKey: key(realmId, username) };
    const row = await tx.signInFailure.findUnique({ where });
    if (row?.lockedUntil && row.lockedUntil > now) return row.lockedUntil;
    const window = policy.lockoutMinutes * 60_000;
    const counting = row && !row.lockedUntil && now.getTime() - row.lastFailureAt.getTime() < window;
    const count = (counting ? row.count : 0) + 1;
    const locked = count >= policy.maxInvalidAttempts ? new Date(now.getTime() + window) : null;
    const data = { count: locked ? 0 : count, lastFailureAt: now, lockedUntil: locked };
    await tx.signInFailure.upsert({ where, create: { ...key(realmId, username), ...data }, update: data });
    return locked;
  });
}

export async function clearFailures(realmId: string, username: string): Promise<void> {
  await db.signInFailure.deleteMany({ where: key(realmId, username) });
}
