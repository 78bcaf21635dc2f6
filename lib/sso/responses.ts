import 'server-only';

import { AppError } from '@/lib/errors';
import { isHttpsRequest } from '@/lib/http/hosts';
import { logError } from '@/lib/log';
import type { MethodKey } from '@/lib/mfa/methods';
import { REMEMBERED_METHOD_COOKIE, SIGN_IN_CSRF_COOKIE, SIGN_IN_TRANSACTION_COOKIE } from '@/lib/realm/schemas/post-authentication';
import { SIGN_IN_LIFETIME_MS } from '@/lib/workflow/machine';
import { noteRequest } from '@/lib/request-context';

import { isIssuedSignInToken, issueSignInToken } from './csrf';
import { type SsoReply, type SsoRequest, htmlResponse, newNonce, readCookie, serializeCookie } from './http';
import { type Look, renderErrorPage } from './pages';
import type { SsoRealm } from './realm';
import { type SessionRead, openSsoRealm } from './realm-cache';
import type { SsoSession } from './session';
import { type PageContext, type StepView, renderStepPage } from './step-pages';

/** The pieces of the /sso responses: the realm's look, the cookies, the error page. */

export const realmPath = (realm: SsoRealm) => `/sso/${realm.slug}`;

export const look = (realm: SsoRealm): Look => ({
  documentTitle: realm.documentTitle,
  pageHeader: realm.pageHeader,
  logoUrl: realm.hasLogo ? `${realmPath(realm)}/logo` : undefined,
});

// Behind a TLS-terminating proxy request.url is plain http: ask how users actually reach us.
const isHttps = (request: SsoRequest) => isHttpsRequest(request.headers);

/** Remember User Selection keeps the method this long on a private device. */
const REMEMBER_SECONDS = 180 * 24 * 60 * 60;

/**
 * The SSO cookie (`sealed`: the session's token as sealSessionToken seals it): a session cookie unless the realm's
 * Persistent is True and the user said "private device" (a public device never keeps a session past the browser).
 */
export function sessionCookie(realm: SsoRealm, sealed: string, session: SsoSession, now: number): string {
  const settings = realm.postAuthentication;
  const persistent = settings.persistentCookie && session.privateDevice;
  return serializeCookie(settings.cookieName, sealed, {
    path: realmPath(realm),
    secure: settings.cookieRequireSsl,
    maxAgeSeconds: persistent ? Math.round((session.expiresAt - now) / 1000) : undefined,
  });
}

export function clearedSessionCookie(realm: SsoRealm): string {
  const settings = realm.postAuthentication;
  return serializeCookie(settings.cookieName, '', { path: realmPath(realm), secure: settings.cookieRequireSsl, maxAgeSeconds: 0 });
}

/** The sign-in in progress: a token (null: clear the cookie), for the realm's path only. */
export function transactionCookie(request: SsoRequest, realm: SsoRealm, token: string | null): string {
  return serializeCookie(SIGN_IN_TRANSACTION_COOKIE, token ?? '', {
    path: realmPath(realm),
    secure: isHttps(request),
    maxAgeSeconds: token ? SIGN_IN_LIFETIME_MS / 1000 : 0,
  });
}

export const readTransactionCookie = (request: SsoRequest) => readCookie(request, SIGN_IN_TRANSACTION_COOKIE);
export const readRememberedMethod = (request: SsoRequest) => readCookie(request, REMEMBERED_METHOD_COOKIE);

/** Remember User Selection: the method (never an address) this device last succeeded with, private devices only. */
export function rememberedMethodCookie(request: SsoRequest, realm: SsoRealm, method: MethodKey): string {
  return serializeCookie(REMEMBERED_METHOD_COOKIE, method, {
    path: realmPath(realm),
    secure: isHttps(request),
    maxAgeSeconds: REMEMBER_SECONDS,
  });
}

/** The CSRF token of the sign-in forms: one per browser and realm, so a second open tab keeps working. */
export function csrfFor(request: SsoRequest, realm: SsoRealm): { token: string; cookie: string } {
  const existing = readCookie(request, SIGN_IN_CSRF_COOKIE);
  const token = isIssuedSignInToken(existing, realm.id) ? existing : issueSignInToken(realm.id);
  return {
    token,
    cookie: serializeCookie(SIGN_IN_CSRF_COOKIE, token, { path: realmPath(realm), secure: isHttps(request), sameSite: 'Strict' }),
  };
}

/** A page of a sign-in step, with its CSRF token and any further cookies. */
export function stepResponse(
  request: SsoRequest,
  realm: SsoRealm,
  view: StepView,
  extras: { status?: number; error?: string; notice?: string; cookies?: string[] } = {},
): SsoReply {
  const nonce = newNonce();
  const csrf = csrfFor(request, realm);
  const context: PageContext = { ...look(realm), nonce, csrfToken: csrf.token, error: extras.error, notice: extras.notice };
  return htmlResponse(renderStepPage(view, context), {
    nonce,
    status: extras.status ?? 200,
    cookies: [csrf.cookie, ...(extras.cookies ?? [])],
  });
}

export function errorResponse(realm: SsoRealm | null, message: string, status: number, reference?: string): SsoReply {
  const nonce = newNonce();
  const pageLook = realm ? look(realm) : { documentTitle: 'Sign-in', pageHeader: 'Sign-in' };
  return htmlResponse(renderErrorPage({ ...pageLook, nonce, message, reference }), { nonce, status });
}

/**
 * Expected failures become a short page with a reference; the reason goes to the log only (STYLE §4).
 * `request`: read its SSO session along with the realm, in the same query (realm-cache.ts), for `work`.
 */
export async function withErrorPage(
  slug: string,
  work: (realm: SsoRealm, session: SessionRead) => Promise<SsoReply>,
  request: SsoRequest | null = null,
): Promise<SsoReply> {
  let realm: SsoRealm | null = null;
  try {
    const opened = await openSsoRealm(slug, request);
    if (!opened) {
      noteRequest({ outcome: 'unknown-realm' });
      return errorResponse(null, 'There is no sign-in page at this address.', 404);
    }
    realm = opened.realm;
    noteRequest({ realm: realm.slug });
    return await work(realm, opened.session);
  } catch (error) {
    noteRequest({ outcome: 'error' });
    const reference = logError(`sso ${slug}`, error);
    if (error instanceof AppError) return errorResponse(realm, error.message, error.status, reference);
    return errorResponse(
      realm,
      'Something went wrong on our side. Please try again, or contact your administrator and quote the reference below.',
      500,
      reference,
    );
  }
}
