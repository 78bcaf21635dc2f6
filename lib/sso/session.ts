import 'server-only';

import { createHash, randomBytes } from 'node:crypto';

import { decryptSecret, encryptSecret } from '@/lib/crypto/secrets';
import { db } from '@/lib/db';
import type { ActiveUser, UserStore } from '@/lib/directory';
import type { SsoSession as SsoSessionRow } from '@/lib/generated/prisma/client';
import { type SignInTransaction, finishTransaction } from '@/lib/workflow/transactions';

/**
 * SSO sessions (Forms Auth), one database row each (DESIGN "Sign-in transactions and sessions"): deleting the
 * row ends the session on every instance, so sign-out and an admin's "End session" stop a copied cookie too.
 *
 * The cookie carries only a random 256-bit token, sealed with AES-256-GCM under the master key and bound to the
 * realm (so it cannot be read, made up, or carried to another realm's cookie); the row's id is the token's
 * SHA-256 (so a copy of the database holds no usable session). Every use reads the row and then the user again
 * (resolveSession): a disabled user or a new password ends the session as well.
 */
export type SsoSession = {
  /** The row's id: the SHA-256 of the token. */
  id: string;
  realmId: string;
  userId: string;
  username: string;
  /** The user's credential stamp at sign-in: a new password makes the session stale. */
  credentialStamp: string;
  /** When the user proved who they are: the assertion's AuthnInstant. */
  authenticatedAt: number;
  /** One value per sign-in: the assertion's SessionIndex. */
  sessionIndex: string;
  /** "This is a private device": only then may the cookie outlive the browser. */
  privateDevice: boolean;
  expiresAt: number;
};

export type FormsAuthSettings = { timeoutMinutes: number; slidingExpiration: boolean };

/** Sliding expiration never keeps a session alive longer than this after the user signed in. */
export const MAX_SESSION_MS = 24 * 60 * 60_000;

const context = (realmId: string) => `sso-session:${realmId}`;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const endOf = (session: Pick<SsoSession, 'authenticatedAt'>, settings: FormsAuthSettings, now: number) =>
  Math.min(now + settings.timeoutMinutes * 60_000, session.authenticatedAt + MAX_SESSION_MS);

/** A new session for a user who just completed every step; stored by storeSignIn. */
export function newSession(
  realmId: string,
  user: ActiveUser,
  options: FormsAuthSettings & { privateDevice: boolean },
  now: number,
): { token: string; session: SsoSession } {
  const token = randomBytes(32).toString('base64url');
  const started = { authenticatedAt: now };
  return {
    token,
    session: {
      id: hashToken(token),
      realmId,
      userId: user.profile.userId,
      username: user.profile.username,
      credentialStamp: user.credentialStamp,
      authenticatedAt: now,
      sessionIndex: `_${randomBytes(16).toString('hex')}`,
      privateDevice: options.privateDevice,
      expiresAt: endOf(started, options, now),
    },
  };
}

/**
 * Stores a new session and ends the sign-in that led to it, in one database transaction: a sign-in ends once (its
 * version is checked), so it gives one session and one assertion. False when another request ended it first.
 */
export async function storeSignIn(session: SsoSession, signIn: SignInTransaction | null, now: number): Promise<boolean> {
  return db.$transaction(async (tx) => {
    if (signIn && !(await finishTransaction(tx, signIn))) return false;
    // Sessions past their end go on the way, on whichever instance signs someone in.
    await tx.ssoSession.deleteMany({ where: { expiresAt: { lte: new Date(now) } } });
    await tx.ssoSession.create({
      data: {
        ...session,
        authenticatedAt: new Date(session.authenticatedAt),
        expiresAt: new Date(session.expiresAt),
        createdAt: new Date(now),
        lastSeenAt: new Date(now),
      },
    });
    return true;
  });
}

export function sealSessionToken(token: string, realmId: string): string {
  return encryptSecret(token, context(realmId));
}

/** The token in a cookie, or null when it is missing, tampered with, or sealed for another realm. */
function openSessionToken(cookie: string | undefined, realmId: string): string | null {
  if (!cookie || cookie.length > 512) return null;
  try {
    return decryptSecret(cookie, context(realmId));
  } catch {
    return null;
  }
}

function toSession(row: SsoSessionRow): SsoSession {
  const { createdAt: _created, lastSeenAt: _seen, ...rest } = row;
  return { ...rest, authenticatedAt: row.authenticatedAt.getTime(), expiresAt: row.expiresAt.getTime() };
}

/**
 * Cookies opened lately at a realm, and the session id each names: a browser sends the same cookie on every visit,
 * and opening it (AES-GCM under the master key, which a process reads once, then SHA-256) is a good part of a
 * signed-in SSO's own work (issue 11). Only cookies that opened are kept; the oldest go first past the bound.
 * The id is still looked up in the database on every request, so a session ended anywhere ends here too.
 */
const openedCookies = new Map<string, string>();
const MAX_OPENED_COOKIES = 10_000;

/** The id of the session row a cookie names at this realm, or null (no cookie, tampered with, another realm's). */
export function sessionIdOf(cookie: string | undefined, realmId: string): string | null {
  const key = `${realmId} ${cookie}`;
  const opened = openedCookies.get(key);
  if (opened) return opened;
  const token = openSessionToken(cookie, realmId);
  if (!token) return null;
  if (openedCookies.size >= MAX_OPENED_COOKIES) openedCookies.delete(openedCookies.keys().next().value ?? '');
  const id = hashToken(token);
  openedCookies.set(key, id);
  return id;
}

/** A session as read from its row, or null when it has ended; an expired one is deleted on the way. */
export async function liveSession(session: SsoSession, now: number): Promise<SsoSession | null> {
  if (session.expiresAt > now && now - session.authenticatedAt < MAX_SESSION_MS) return session;
  await db.ssoSession.deleteMany({ where: { id: session.id } });
  return null;
}

/** The live session of a cookie at this realm, or null: none, ended (signed out, ended by an admin), expired. */
export async function loadSession(cookie: string | undefined, realmId: string, now: number): Promise<SsoSession | null> {
  const id = sessionIdOf(cookie, realmId);
  if (!id) return null;
  const row = await db.ssoSession.findUnique({ where: { id } });
  if (!row || row.realmId !== realmId) return null;
  return liveSession(toSession(row), now);
}

/**
 * The user of a live session, or null when they were deleted, disabled, or changed their password since.
 * `read`: the user as the request's one query read them already (lib/sso/realm-cache.ts); undefined: ask the store.
 */
export async function resolveSession(session: SsoSession, store: UserStore, read?: ActiveUser | null): Promise<ActiveUser | null> {
  const user = read === undefined ? await store.loadActiveUser(session.userId) : read;
  if (user && user.credentialStamp === session.credentialStamp) return user;
  await db.ssoSession.deleteMany({ where: { id: session.id } });
  return null;
}

/**
 * Sliding expiration moves a session's end on by less than this without writing it: every use would otherwise be
 * a write, and a session may end up to this much before the timeout after its last use (lastSeenAt lags as much).
 */
export const RENEW_STEP_MS = 60_000;

/** A use of the session: sliding expiration pushes its end out by the timeout again (up to the cap). */
export async function renewSession(session: SsoSession, settings: FormsAuthSettings, now: number): Promise<SsoSession> {
  const expiresAt = settings.slidingExpiration ? Math.max(session.expiresAt, endOf(session, settings, now)) : session.expiresAt;
  if (expiresAt - session.expiresAt < RENEW_STEP_MS) return session;
  await db.ssoSession.updateMany({ where: { id: session.id }, data: { expiresAt: new Date(expiresAt), lastSeenAt: new Date(now) } });
  return { ...session, expiresAt };
}

/** Sign-out: the session of this cookie ends on every instance. */
export async function endSession(cookie: string | undefined, realmId: string): Promise<void> {
  const token = openSessionToken(cookie, realmId);
  if (token) await db.ssoSession.deleteMany({ where: { id: hashToken(token), realmId } });
}
