import 'server-only';

import { type UserProfile, userStoreFor } from '@/lib/directory';
import { SamlError } from '@/lib/errors';
import { WORKFLOW_OPTIONS, optionLabel } from '@/lib/realm/options';

import { clearFailures, lockedUntil, recordFailure } from './lockout';
import type { SsoRealm } from './realm';

export type SignInOutcome = { ok: true; profile: UserProfile } | { ok: false; message: string };

/** One message for every wrong username or password: it never tells which usernames exist. */
export const INVALID_CREDENTIALS = 'The username or password is incorrect.';

export const MISCONFIGURED = 'Sign-in to this application is not set up correctly. Please contact your administrator and quote the reference below.';

function lockedMessage(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/** The steps this build can run before Post Authentication; the other workflows arrive with MFA sign-in. */
export function assertSupportedWorkflow(realm: SsoRealm): void {
  if (realm.workflow !== 'username-password') {
    throw new SamlError(MISCONFIGURED, `realm ${realm.slug}: workflow "${optionLabel(WORKFLOW_OPTIONS, realm.workflow)}" is not available in this build; choose "Username | Password"`);
  }
}

/** Username and password against the realm's data store, with the realm's Account Lockout. */
export async function signIn(realm: SsoRealm, username: string, password: string, now: Date): Promise<SignInOutcome> {
  assertSupportedWorkflow(realm);
  const store = userStoreFor(realm.dataStore);
  if (!store) throw new SamlError(MISCONFIGURED, `realm ${realm.slug}: data store "${realm.dataStore}" cannot sign users in yet`);
  if (!username.trim() || !password) return { ok: false, message: 'Enter your username and password.' };

  const locked = await lockedUntil(realm.id, username, now);
  if (locked) return { ok: false, message: lockedMessage(locked, now) };

  const result = await store.authenticate(username.trim(), password);
  if (result.ok) {
    await clearFailures(realm.id, username);
    return result;
  }
  const lockedNow = await recordFailure(realm.id, username, realm.lockout, now);
  return { ok: false, message: lockedNow ? lockedMessage(lockedNow, now) : INVALID_CREDENTIALS };
}
