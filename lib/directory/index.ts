import 'server-only';

import { localUserStore } from './local';
import type { UserStore } from './types';

export type { ActiveUser, AuthenticationFailure, AuthenticationResult, UserProfile, UserStore } from './types';

/**
 * The user store behind a realm's Data tab choice. Null for the stores Realmgate cannot sign in against yet
 * (the LDAP family until LDAP sign-in arrives); callers show that as a configuration problem.
 */
export function userStoreFor(dataStore: string): UserStore | null {
  return dataStore === 'local' ? localUserStore : null;
}
