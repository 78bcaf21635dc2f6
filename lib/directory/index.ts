import 'server-only';

import type { LdapConfig } from './ldap/config';
import { ldapUserStore } from './ldap/store';
import { localUserStore } from './local';
import type { UserStore } from './types';

export type { ActiveUser, AuthenticationFailure, AuthenticationResult, UserProfile, UserStore } from './types';
export { DIRECTORY_UNAVAILABLE, DirectoryUnavailableError } from './errors';

/**
 * A realm's Data tab as sign-in needs it (lib/realm/directory-config.ts builds it): the local directory, an
 * LDAP store with its settings and decrypted service password, or no store (why, for the log).
 */
export type DirectoryConfig = { kind: 'local' } | { kind: 'ldap'; ldap: LdapConfig } | { kind: 'none'; reason: string };

/** The user store behind a realm's Data tab, or null when it cannot sign users in (callers show a configuration problem). */
export function userStoreFor(config: DirectoryConfig): UserStore | null {
  if (config.kind === 'local') return localUserStore;
  if (config.kind === 'ldap') return ldapUserStore(config.ldap);
  return null;
}
