import 'server-only';

import { type ActiveUser, type UserStore, userStoreFor } from '@/lib/directory';
import { toUsernameKey } from '@/lib/directory/schemas';
import { SamlError } from '@/lib/errors';
import { WORKFLOW_OPTIONS, optionLabel } from '@/lib/realm/options';

import { clearFailures, lockedUntil, recordFailure } from './lockout';
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
  const store = userStoreFor(realm.dataStore);
  if (!store) throw new SamlError(MISCONFIGURED, `realm ${realm.slug}: data store "${realm.dataStore}" cannot sign users in yet`);
  return store;
}

// Attempts for one username at one realm run one after another: parallel guesses must not all be checked
// before the first failure is counted (SQLite means one server process, so an in-process queue suffices).
const attemptQueues = new Map<string, Promise<unknown>>();

function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const result = (attemptQueues.get(key) ?? Promise.resolve()).then(work, work);
  const tail = result.catch(() => undefined);
  attemptQueues.set(key, tail);
  void tail.then(() => attemptQueues.get(key) === tail && attemptQueues.delete(key));
  return result;
}

/** Username and password against the realm's data store, with the realm's Account Lockout. */
export async function signIn(realm: SsoRealm, username: string, password: string, now: Date): Promise<SignInOutcome> {
  const store = userStoreOf(realm);
  if (!username.trim() || !password) return { ok: false, message: 'Enter your username and password.' };
  return oneAtATime(`${realm.id}\n${toUsernameKey(username)}`, async () => {
    const locked = await lockedUntil(realm.id, username, now);
    if (locked) return { ok: false, message: lockedMessage(locked, now) };
    const result = await store.authenticate(username.trim(), password);
    if (result.ok) {
      await clearFailures(realm.id, username);
      return result;
    }
    const lockedNow = await recordFailure(realm.id, username, realm.lockout, now);
    return { ok: false, message: lockedNow ? lockedMessage(lockedNow, now) : INVALID_CREDENTIALS };
  });
}
