import 'server-only';

import { type ThrottlePolicy, clearAttempts, releaseAttempt, reserveAttempt } from '@/lib/throttle';

import { findAdminByCredentials } from './admins';
import { toAdminKey } from './schemas';
import { createSession } from './sessions';

/**
 * Admin sign-in with throttling per account and per client address (counters in the database, so every
 * instance shares them). Unknown usernames are throttled like real ones, and every refusal reads the same,
 * so nothing here tells which accounts exist.
 */
export const ACCOUNT_THROTTLE: ThrottlePolicy = { max: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const ADDRESS_THROTTLE: ThrottlePolicy = { max: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export const INVALID_SIGN_IN = 'The username or password is incorrect.';

export type AdminSignIn = { ok: true; token: string } | { ok: false; message: string };

const accountKey = (username: string) => `admin-sign-in:account:${toAdminKey(username)}`;
const addressKey = (address: string) => `admin-sign-in:address:${address}`;

function tooMany(retryAt: Date, now: Date): AdminSignIn {
  const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
  return { ok: false, message: `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.` };
}

export async function signInAdmin(input: { username: string; password: string; address: string }, now: Date): Promise<AdminSignIn> {
  const username = input.username.trim();
  if (!username || !input.password) return { ok: false, message: 'Enter your username and password.' };
  const byAddress = await reserveAttempt(addressKey(input.address), ADDRESS_THROTTLE, now);
  if (!byAddress.ok) return tooMany(byAddress.retryAt, now);
  const byAccount = await reserveAttempt(accountKey(username), ACCOUNT_THROTTLE, now);
  if (!byAccount.ok) return tooMany(byAccount.retryAt, now);
  const admin = await findAdminByCredentials(username, input.password.slice(0, 1024));
  if (!admin || admin.disabled) return { ok: false, message: INVALID_SIGN_IN };
  await clearAttempts(accountKey(username));
  await releaseAttempt(addressKey(input.address));
  return { ok: true, token: await createSession(admin.id, now) };
}
