import 'server-only';

import { type DirectoryUserRecord, toUserProfile } from './profile';
import { findUserByCredentials, findUserByIdAndPassword, findUserByUsername, findUserRecord } from './repository';
import type { ActiveUser, UserStore } from './types';

/** A local user as a live SSO session sees them: null when disabled (a disabled user's sessions end). */
export function toActiveUser(user: DirectoryUserRecord): ActiveUser | null {
  return user.disabled ? null : { profile: toUserProfile(user), credentialStamp: user.credentialStamp };
}

/**
 * The Realmgate Local Directory as a user store. The username matches regardless of case. The password is
 * checked before the disabled flag, so only someone who knows a user's password learns that the account is
 * disabled; every path spends one scrypt computation (see findUserByCredentials).
 */
export const localUserStore: UserStore = {
  async authenticate(username, password) {
    const found = await findUserByCredentials(username, password);
    if (!found) return { ok: false, reason: 'unknown-user' };
    if (!found.passwordMatches) return { ok: false, reason: 'wrong-password' };
    if (found.user.disabled) return { ok: false, reason: 'disabled' };
    return { ok: true, profile: toUserProfile(found.user), credentialStamp: found.user.credentialStamp };
  },
  async findUser(username) {
    const user = await findUserByUsername(username);
    return user && !user.disabled ? { profile: toUserProfile(user), credentialStamp: user.credentialStamp } : null;
  },
  async verifyPassword(userId, password) {
    const found = await findUserByIdAndPassword(userId, password);
    if (!found) return { ok: false, reason: 'unknown-user' };
    if (!found.passwordMatches) return { ok: false, reason: 'wrong-password' };
    if (found.user.disabled) return { ok: false, reason: 'disabled' };
    return { ok: true, profile: toUserProfile(found.user), credentialStamp: found.user.credentialStamp };
  },
  async loadActiveUser(userId) {
    const user = await findUserRecord(userId);
    return user && toActiveUser(user);
  },
};
