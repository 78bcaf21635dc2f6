import 'server-only';

import { randomBytes } from 'node:crypto';

import { decryptSecret, encryptSecret } from '@/lib/crypto/secrets';
import type { UserProfile } from '@/lib/directory/types';

/**
 * The SSO token (Forms Auth): who signed in to a realm and when, sealed with AES-256-GCM under the master key
 * and bound to the realm, so it cannot be read, forged or replayed at another realm. Stateless, like
 * SecureAuth's FormsAuth ticket: a second visit needs no database round trip to sign an assertion.
 */
export type SsoSession = {
  profile: UserProfile;
  /** When the user proved who they are: the assertion's AuthnInstant. */
  authenticatedAt: number;
  /** One value per sign-in: the assertion's SessionIndex. */
  sessionIndex: string;
  expiresAt: number;
};

export type FormsAuthSettings = { timeoutMinutes: number; slidingExpiration: boolean };

const context = (realmId: string) => `sso-session:${realmId}`;

export function startSession(profile: UserProfile, settings: FormsAuthSettings, now: number): SsoSession {
  return {
    profile,
    authenticatedAt: now,
    sessionIndex: `_${randomBytes(16).toString('hex')}`,
    expiresAt: now + settings.timeoutMinutes * 60_000,
  };
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
  return session.expiresAt > now ? session : null;
}

/** Sliding expiration: each use pushes the end of the session out by the timeout again. */
export function renewSession(session: SsoSession, settings: FormsAuthSettings, now: number): SsoSession {
  return settings.slidingExpiration ? { ...session, expiresAt: now + settings.timeoutMinutes * 60_000 } : session;
}
