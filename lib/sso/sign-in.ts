import 'server-only';

import { type ActiveUser, DirectoryUnavailableError, type UserStore, userStoreFor } from '@/lib/directory';
import { SamlError } from '@/lib/errors';
import { WORKFLOW_OPTIONS, optionLabel } from '@/lib/realm/options';

import { clearFailures, lockedUntil, releaseAttempt, reserveAttempt } from './lockout';
import { INVALID_CREDENTIALS, MISCONFIGURED } from './messages';
import type { SsoRealm } from './realm';

export type SignInOutcome = ({ ok: true } & ActiveUser) | { ok: false; message: string };

function lockedMessage(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/** The realm's user store, for the steps this build can run before Post Authentication. */
export function userStoreOf(realm: SsoRealm): UserStore {
  if (realm.workflow !== 'username-password') {
    throw new SamlError(
      MISCONFIGURED,
      `realm ${realm.slug}: workflow "${optionLabel(WORKFLOW_OPTIONS, realm.workflow)}" is not available in this build; choose "Username | Password"`,
    );
  }
  const store = userStoreFor(realm.directory);
  if (!store)
    throw new SamlError(
      MISCONFIGURED,
      `realm ${realm.slug}: ${realm.directory.kind === 'none' ? realm.directory.reason : 'no user store'}`,
    );
  return store;
}

/** Username and password against the realm's data store, with the realm's Account Lockout. */
export async function signIn(realm: SsoRealm, username: string, password: string, now: Date): Promise<SignInOutcome> {
  const store = userStoreOf(realm);
  if (!username.trim() || !password) return { ok: false, message: 'Enter your username and password.' };
  // Counted before the password is checked: parallel guesses cannot all be checked before one is counted.
  const attempt = await reserveAttempt(realm.id, username, realm.lockout, now);
  if (!attempt.reserved) return { ok: false, message: lockedMessage(attempt.lockedUntil, now) };
  let result: Awaited<ReturnType<UserStore['authenticate']>>;
  try {
    result = await store.authenticate(username.trim(), password);
  } catch (error) {
    // The directory could not be asked: no password was checked, so the attempt does not count.
    if (error instanceof DirectoryUnavailableError) await releaseAttempt(realm.id, username, realm.lockout);
    throw error;
  }
  if (result.ok) {
    await clearFailures(realm.id, username);
    return result;
  }
  const locked = await lockedUntil(realm.id, username, now);
  return { ok: false, message: locked ? lockedMessage(locked, now) : INVALID_CREDENTIALS };
}
