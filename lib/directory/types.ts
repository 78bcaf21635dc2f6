/**
 * The one interface every user store implements: the local directory now, LDAP later (DESIGN "lib/directory").
 * Sign-in and SAML see only these types, never where a user is stored.
 */

/** A signed-in user as the rest of Realmgate sees them. */
export type UserProfile = {
  /** Stable id within the store (the local directory's row id; an LDAP store's DN). */
  userId: string;
  /** The username as stored (its case may differ from what was typed). */
  username: string;
  /**
   * Keyed by the profile properties (lib/realm/options.ts PROFILE_PROPERTY_OPTIONS, except groups) plus
   * `authenticatedUserId`, so Post Authentication's User ID Mapping and SAML attributes read any of them.
   */
  properties: Record<string, string>;
  groups: string[];
};

export type AuthenticationFailure = 'unknown-user' | 'wrong-password' | 'disabled';

/** A user who may sign in, with a stamp that changes when their password does. */
export type ActiveUser = { profile: UserProfile; credentialStamp: string };

export type AuthenticationResult = ({ ok: true } & ActiveUser) | { ok: false; reason: AuthenticationFailure };

export interface UserStore {
  /**
   * Checks a username and password. The reason is for the log and lockout counting only: end users get one
   * message for every failure, so a reason never tells them which usernames exist.
   */
  authenticate(username: string, password: string): Promise<AuthenticationResult>;

  /**
   * For workflows that ask for the username first (Username | Second Factor | Password, Username | Second
   * Factor, Username Only): the enabled user with this username, or null for an unknown or disabled one. No
   * password is checked; the caller must not tell the end user which of the two it was.
   */
  findUser(username: string): Promise<ActiveUser | null>;

  /**
   * The password step of a user found by findUser (Username | Second Factor | Password): the same answers as
   * authenticate, for the user with this id.
   */
  verifyPassword(userId: string, password: string): Promise<AuthenticationResult>;

  /**
   * The user behind an SSO session, read fresh on every use; null once they are deleted or disabled, so a
   * session ends with the account, and the profile sent to service providers is never a stale copy.
   */
  loadActiveUser(userId: string): Promise<ActiveUser | null>;
}
