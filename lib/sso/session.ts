import 'server-only';

import { randomBytes } from 'node:crypto';

import { decryptSecret, encryptSecret } from '@/lib/crypto/secrets';
import type { ActiveUser, UserStore } from '@/lib/directory';

/**
 * The SSO token (Forms Auth): who signed in to a realm and when, sealed with AES-256-GCM under the master key
 * and bound to the realm, so it cannot be read, forged or replayed at another realm. It names the user only:
 * every use reads the user again (resolveSession), so disabling a user or changing their password ends it.
 */
export type SsoSession = {
  userId: string;
  /** The user's credential stamp at sign-in: a new password makes the session stale. */
  credentialStamp: string;
  /** When the user proved who they are: the assertion's AuthnInstant. */
  authenticatedAt: number;
  /** One value per sign-in: the assertion's SessionIndex. */
  sessionIndex: string;
  expiresAt: number;
};

export type FormsAuthSettings = { timeoutMinutes: number; slidingExpiration: boolean };

/** Sliding expiration never keeps a session alive longer than this after the password was typed. */
export const MAX_SESSION_MS = 24 * 60 * 60_000;

const context = (realmId: string) => `sso-session:${realmId}`;

const endOf = (session: Pick<SsoSession, 'authenticatedAt'>, settings: FormsAuthSettings, now: number) =>
  Math.min(now + settings.timeoutMinutes * 60_000, session.authenticatedAt + MAX_SESSION_MS);

export function startSession(user: ActiveUser, settings: FormsAuthSettings, now: number): SsoSession {
  const session = {
    userId: user.profile.userId,
    credentialStamp: user.credentialStamp,
    authenticatedAt: now,
    sessionIndex: `_${randomBytes(16).toString('hex')}`,
  };
  return { ...session, expiresAt: endOf(session, settings, now) };
}

export function sealSession(session: SsoSession, realmId: string): string {
  return encryptSecret(JSON.stringify(session), context(realmId));
}

/** The session in a cookie, or null when it is missing, tampered with, from another realm, or expired. */
export function openSession(token: string | undefined, realmId: string, now: number): SsoSession | null {
  if (!token) return null;
  let session: SsoSession;
  try {
    session = JSON.parse(decryptSecret(token, context(realmId))) as SsoSession;
  } catch {
    return null;
  }
  return session.expiresAt > now && now - session.authenticatedAt < MAX_SESSION_MS ? session : null;
}

/** The user of a live session, or null when they were deleted, disabled, or changed their password since. */
export async function resolveSession(session: SsoSession, store: UserStore): Promise<ActiveUser | null> {
  const user = await store.loadActiveUser(session.userId);
  return user && user.credentialStamp === session.credentialStamp ? user : null;
}

/** Sliding expiration: each use pushes the end of the session out by the timeout again (up to the cap). */
export function renewSession(session: SsoSession, settings: FormsAuthSettings, now: number): SsoSession {
  return settings.slidingExpiration ? { ...session, expiresAt: endOf(session, settings, now) } : session;
}
