import type { UserProfile } from './types';
import { PROFILE_KEYS, type ProfileValues, toGroupList } from './schemas';

/** A local directory user as the user store reads it: own type, never the Prisma row, never the hash. */
export type DirectoryUserRecord = {
  id: string;
  username: string;
  disabled: boolean;
  profile: ProfileValues;
  /** Changes whenever the password does (derived from the hash, never the hash): ends SSO sessions. */
  credentialStamp: string;
};

/**
 * The profile the rest of Realmgate sees. `authenticatedUserId` is the username as stored, the value
 * Post Authentication's "Authenticated User ID" mapping sends.
 */
export function toUserProfile(user: DirectoryUserRecord): UserProfile {
  // A loop, not rest and spread: every signed-in SSO request reads its user this way, and those cost several times more.
  const properties: Record<string, string> = {};
  for (const key of PROFILE_KEYS) if (key !== 'groups') properties[key] = user.profile[key];
  properties.authenticatedUserId = user.username;
  return { userId: user.id, username: user.username, properties, groups: toGroupList(user.profile.groups) };
}
