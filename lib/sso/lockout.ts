import 'server-only';

import { db } from '@/lib/db';
import { preparedRead } from '@/lib/prepared-read';
import { toUsernameKey } from '@/lib/directory/schemas';
import { Prisma } from '@/lib/generated/prisma/client';
import { countLockout } from '@/lib/metrics';

/**
 * Account Lockout (Workflow tab): after Max Invalid Attempts failed sign-ins with one username at a realm,
 * within Lockout Minutes of each other, that username is refused for Lockout Minutes. Unknown usernames count
 * too, so a lockout never tells an attacker which usernames exist. Usernames are keyed as the directory keys
 * them (case and Unicode composition folded), so another spelling of the same name shares the count.
 *
 * Counted in the database, so every instance sees the same count. An attempt first reserves one of the Max
 * Invalid Attempts with a conditional UPDATE (`count < max`: the database lets exactly as many win as are
 * left), only a reserved attempt checks its password, and a success clears the count. So parallel guesses,
 * on any number of instances, check at most Max Invalid Attempts passwords. Each statement is portable SQL
 * through Prisma (an INSERT and UPDATE … WHERE), atomic on SQLite and on PostgreSQL's READ COMMITTED alike.
 */
export type LockoutPolicy = { maxInvalidAttempts: number; lockoutMinutes: number };

export type Attempt = { reserved: true } | { reserved: false; lockedUntil: Date };

const key = (realmId: string, username: string) => ({ realmId, usernameKey: toUsernameKey(username) });

const isDuplicate = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

/**
 * Counts this attempt before its password (or one-time code) is checked, or refuses it while the username is
 * locked out. Rows whose window and lockout are over say nothing any more: they are deleted on the way, so
 * guessed usernames do not pile up (every instance does this, idempotently).
 */
export async function reserveAttempt(realmId: string, username: string, policy: LockoutPolicy, now: Date): Promise<Attempt> {
  const window = policy.lockoutMinutes * 60_000;
  await db.signInFailure.deleteMany({
    where: {
      realmId,
      lastFailureAt: { lte: new Date(now.getTime() - window) },
      OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }],
    },
  });
  // A row deleted by another attempt's clean-up between our insert and our update reads as "all taken": try again.
  for (let tries = 0; ; tries += 1) {
    const attempt = await reserveOnce(realmId, username, policy, now);
    if (attempt.reserved || tries === 2 || (await hasRow(realmId, username))) return attempt;
  }
}

const hasRow = async (realmId: string, username: string) => (await db.signInFailure.count({ where: key(realmId, username) })) > 0;

async function reserveOnce(realmId: string, username: string, policy: LockoutPolicy, now: Date): Promise<Attempt> {
  const where = key(realmId, username);
  const window = policy.lockoutMinutes * 60_000;
  // A row to count in: the first attempt for the name makes it, attempts running alongside find it made.
  await db.signInFailure.create({ data: { ...where, count: 0, lastFailureAt: now } }).catch((error: unknown) => {
    if (!isDuplicate(error)) throw error;
  });
  // Attempts further apart than Lockout Minutes do not add up, and an expired lockout starts over.
  await db.signInFailure.updateMany({
    where: {
      ...where,
      OR: [{ lockedUntil: { lte: now } }, { lockedUntil: null, lastFailureAt: { lte: new Date(now.getTime() - window) } }],
    },
    data: { count: 0, lockedUntil: null },
  });
  const reserved = await db.signInFailure.updateMany({
    where: { ...where, lockedUntil: null, count: { lt: policy.maxInvalidAttempts } },
    data: { count: { increment: 1 }, lastFailureAt: now },
  });
  if (reserved.count === 0) {
    // All taken: locked out, or about to be by the attempt that took the last one (its lockout starts now).
    return { reserved: false, lockedUntil: (await lockedUntil(realmId, username, now)) ?? new Date(now.getTime() + window) };
  }
  // The attempt that takes the last one starts the lockout now: it holds unless its own password is right.
  // `lockedUntil: null`: an existing lockout is never moved, neither shortened nor extended.
  const locking = await db.signInFailure.updateMany({
    where: { ...where, lockedUntil: null, count: { gte: policy.maxInvalidAttempts } },
    data: { lockedUntil: new Date(now.getTime() + window) },
  });
  if (locking.count > 0) countLockout(realmId);
  return { reserved: true };
}

/** When the username is locked out until, or null when it may try. */
export async function lockedUntil(realmId: string, username: string, now: Date): Promise<Date | null> {
  const row = await lockoutQuery.run(realmId, toUsernameKey(username));
  const until = row?.lockedUntil as Date | null | undefined;
  return until && until > now ? until : null;
}

// Every guess asks it first, those of a flood too (lib/sso/sign-in.ts): a statement prepared once, not a Prisma query.
const lockoutQuery = preparedRead(
  'realmgate_lockout',
  'SELECT "lockedUntil" FROM "SignInFailure" WHERE "realmId" = $1 AND "usernameKey" = $2',
  { dates: ['lockedUntil'] },
);

/**
 * After a successful sign-in: the failures before it no longer count. The row stays (at zero) until a later
 * clean-up, so an attempt running alongside finds the row it reserves in.
 */
export async function clearFailures(realmId: string, username: string): Promise<void> {
  await db.signInFailure.updateMany({ where: key(realmId, username), data: { count: 0, lockedUntil: null } });
}

/**
 * Gives back an attempt reserved by reserveAttempt that no longer counts: a right password before the second
 * factor (the failures before it still count, so a password known to an attacker never wipes the count of their
 * wrong codes), or a password never checked because the directory could not be asked. A lockout that only this
 * attempt's reservation started ends with it.
 */
export async function releaseAttempt(realmId: string, username: string, policy: LockoutPolicy): Promise<void> {
  const where = key(realmId, username);
  await db.signInFailure.updateMany({ where: { ...where, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
  // While a lockout holds nothing reserves, so a lockout beside fewer than Max Invalid Attempts failures was ours.
  await db.signInFailure.updateMany({
    where: { ...where, count: { lt: policy.maxInvalidAttempts }, lockedUntil: { not: null } },
    data: { lockedUntil: null },
  });
}
