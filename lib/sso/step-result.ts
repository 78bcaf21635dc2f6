import type { ActiveUser, UserStore } from '@/lib/directory';
import type { MethodKey } from '@/lib/mfa/methods';
import type { Step } from '@/lib/workflow/machine';
import type { SignInTransaction } from '@/lib/workflow/transactions';

import type { SsoRealm } from './realm';
import type { DeviceChoice, StepView } from './step-pages';

/** What every step handler gets: the realm, its steps today, its user store, the client and the clock. */
export type StepContext = {
  realm: SsoRealm;
  steps: readonly Step[];
  store: UserStore;
  address: string;
  now: number;
  /** Remember User Selection: the method this device last succeeded with (cookie), unchecked. */
  remembered?: string;
};

/** What a page says besides its form: the status code, an error or a notice. */
export type PageExtras = { status?: number; error?: string; notice?: string };

/**
 * A step's answer. `view`: this page, with the sign-in cookie to set (a new token), to clear (null) or to leave
 * as it is (undefined). `current`: the page of the sign-in's current step. `stale`: another request changed the
 * sign-in first (a double submit): show its current step again. `complete`: every step is done; endpoint.ts
 * issues the session and the assertion.
 */
export type StepResult =
  | ({ kind: 'view'; view: StepView; token?: string | null } & PageExtras)
  | ({ kind: 'current'; transaction: SignInTransaction; token?: string } & PageExtras)
  | { kind: 'stale' }
  | {
      kind: 'complete';
      /** The sign-in to end with the session (null: a one-step workflow that never needed a row). */
      transaction: SignInTransaction | null;
      user: ActiveUser;
      privateDevice: boolean;
      method?: MethodKey;
    };

export const current = (transaction: SignInTransaction, extras: PageExtras & { token?: string } = {}): StepResult => ({
  kind: 'current',
  transaction,
  ...extras,
});

/** The Workflow tab's Public/Private Mode as the first page asks it. */
export function deviceChoice(realm: SsoRealm): DeviceChoice {
  return realm.device.mode === 'both' ? { defaultPrivate: realm.device.defaultPrivate } : null;
}

/** The device as posted on the first page; a realm with one mode decides alone, whatever was posted. */
export function postedPrivateDevice(realm: SsoRealm, posted: string): boolean {
  if (realm.device.mode === 'private-only') return true;
  if (realm.device.mode === 'public-only') return false;
  if (posted === 'public') return false;
  if (posted === 'private') return true;
  return realm.device.defaultPrivate;
}
