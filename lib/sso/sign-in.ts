import 'server-only';

import { releaseSlot, reserveSlot } from '@/lib/check-slots';
import { type UserStore, userStoreFor } from '@/lib/directory';
import { AppError, SamlError } from '@/lib/errors';
import {
  type ThrottlePolicy,
  deleteExpiredAttempts,
  releaseAttempt as releaseAddress,
  reserveAttempt as reserveThrottle,
} from '@/lib/throttle';

import { clearFailures, lockedUntil, releaseAttempt, reserveAttempt } from './lockout';
import { MISCONFIGURED } from './messages';
import type { SsoRealm } from './realm';

/** The realm's user store (Data tab): the one place sign-in learns where users live. */
export function userStoreOf(realm: SsoRealm): UserStore {
  const store = userStoreFor(realm.directory);
  if (!store) {
    throw new SamlError(
      MISCONFIGURED,
      `realm ${realm.slug}: ${realm.directory.kind === 'none' ? realm.directory.reason : 'no user store'}`,
    );
  }
  return store;
}

/**
 * Sign-in attempts per client address, across realms and usernames (counters in the database, lib/throttle.ts):
 * generous, so an office behind one address is not locked out, but a guesser trying many usernames is.
 */
export const ADDRESS_THROTTLE: ThrottlePolicy = { max: 50, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

const ADDRESS_PREFIX = 'sso-sign-in:address:';
const addressKey = (address: string) => `${ADDRESS_PREFIX}${address}`;

/** Counts a try from this address (and deletes the counts of addresses whose window is over). */
async function reserveAddress(address: string, now: Date) {
  await deleteExpiredAttempts(ADDRESS_PREFIX, ADDRESS_THROTTLE, now);
  return reserveThrottle(addressKey(address), ADDRESS_THROTTLE, now);
}

export function lockedMessage(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/** How a guess ended: wrong, right at a step with more to come, right at the last step, or not judged at all. */
export type GuessOutcome = 'wrong' | 'passed' | 'signed-in' | 'not-judged';

export type Guess = { ok: true; address: string; settle: (outcome: GuessOutcome) => Promise<void> } | { ok: false; message: string };

/**
 * Checks (password hashes, directory binds) one client address may have running at once, on all instances together
 * (lib/check-slots.ts): a wrong-password flood from one address gets refusals, not the CPU everyone shares.
 */
export const CHECKS_PER_ADDRESS = 2;

export const BUSY_MESSAGE = 'Too many sign-ins from your network are being checked right now. Please go back and try again in a moment.';

const checksKey = (address: string) => `sso-sign-in:${address}`;

/**
 * Counts a guess (a password or a one-time code) before it is checked: per client address and, with the realm's
 * Account Lockout, per username. Of parallel guesses only as many as are left are checked, on any number of
 * instances. `settle` says how it ended: a wrong guess stays counted; a right one at an intermediate step gives
 * its own count back (earlier failures still count, so knowing the password never wipes wrong codes); the last
 * step clears the username's count; a guess never judged (the directory was down) gives both counts back.
 */
export async function beginGuess(realm: SsoRealm, username: string, address: string, now: Date): Promise<Guess> {
  // A name locked out already is refused on one read: a flood of guesses at it costs no counting writes.
  const locked = await lockedUntil(realm.id, username, now);
  if (locked) return { ok: false, message: lockedMessage(locked, now) };
  const byAddress = await reserveAddress(address, now);
  if (!byAddress.ok) return { ok: false, message: lockedMessage(byAddress.retryAt, now) };
  const byName = await reserveAttempt(realm.id, username, realm.lockout, now);
  if (!byName.reserved) {
    await releaseAddress(addressKey(address));
    return { ok: false, message: lockedMessage(byName.lockedUntil, now) };
  }
  return {
    ok: true,
    address,
    async settle(outcome) {
      if (outcome === 'wrong') return;
      await releaseAddress(addressKey(address));
      if (outcome === 'signed-in') await clearFailures(realm.id, username);
      else await releaseAttempt(realm.id, username, realm.lockout);
    },
  };
}

/**
 * Runs a guess's check with its counts reserved and one of its address's check slots held; an exception
 * (DirectoryUnavailableError …) gives the counts back before it goes on to the error page: a directory that is
 * down never locks anyone out. With every slot of the address taken the guess is not judged: a 429 at once.
 */
export async function judged<T>(guess: Extract<Guess, { ok: true }>, check: () => Promise<T>): Promise<T> {
  const key = checksKey(guess.address);
  if (!(await reserveSlot(key, CHECKS_PER_ADDRESS, new Date()))) {
    await guess.settle('not-judged');
    throw new AppError(BUSY_MESSAGE, `${CHECKS_PER_ADDRESS} sign-in checks from this address in flight already`, 429);
  }
  try {
    return await check();
  } catch (error) {
    await guess.settle('not-judged');
    throw error;
  } finally {
    await releaseSlot(key);
  }
}

/** A username looked up before any secret (username-first orders): counted per address unless it is found. */
export async function beginLookup(address: string, now: Date): Promise<Guess> {
  const byAddress = await reserveAddress(address, now);
  if (!byAddress.ok) return { ok: false, message: lockedMessage(byAddress.retryAt, now) };
  return {
    ok: true,
    address,
    async settle(outcome) {
      if (outcome !== 'wrong') await releaseAddress(addressKey(address));
    },
  };
}
