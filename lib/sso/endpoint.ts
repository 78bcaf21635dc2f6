import 'server-only';

import type { UserProfile } from '@/lib/directory';
import { AppError } from '@/lib/errors';
import { SSO_BODY_LIMIT, readLimitedForm } from '@/lib/http/body';
import { isHttpsRequest } from '@/lib/http/hosts';
import { logError } from '@/lib/log';
import { type SignInOutcome as SignInMetric, countSignIn } from '@/lib/metrics';
import { noteRequest } from '@/lib/request-context';
import { SIGN_IN_CSRF_COOKIE } from '@/lib/realm/schemas/post-authentication';
import { renderAutoPostPage } from '@/lib/saml/post-binding';

import { buildSamlPost } from './assertion';
import { isIssuedSignInToken, isValidSignInPost, issueSignInToken } from './csrf';
import { htmlResponse, newNonce, readCookie, serializeCookie } from './http';
import { renderErrorPage, renderSignInPage } from './pages';
import { type SsoRealm, loadSsoRealm } from './realm';
import { type SsoSession, openSession, renewSession, resolveSession, sealSession, startSession } from './session';
import { signIn, userStoreOf } from './sign-in';

/**
 * The realm SSO URL (/sso/<realm>) and its Redirect To page: sign-in, the SSO cookie, then Post
 * Authentication's auto-POSTed SAML Response. Route handlers call these and return what they return.
 */

const realmPath = (realm: SsoRealm) => `/sso/${realm.slug}`;
const look = (realm: SsoRealm) => ({
  documentTitle: realm.documentTitle,
  pageHeader: realm.pageHeader,
  logoUrl: realm.hasLogo ? `${realmPath(realm)}/logo` : undefined,
});
// Behind a TLS-terminating proxy request.url is plain http: ask how users actually reach us.
const isHttps = (request: Request) => isHttpsRequest(request.headers);

function sessionCookie(realm: SsoRealm, session: SsoSession, now: number): string {
  const settings = realm.postAuthentication;
  return serializeCookie(settings.cookieName, sealSession(session, realm.id), {
    path: realmPath(realm),
    secure: settings.cookieRequireSsl,
    // "Persistent: True - Expires after Timeout" survives the browser closing; otherwise a session cookie.
    maxAgeSeconds: settings.persistentCookie ? Math.round((session.expiresAt - now) / 1000) : undefined,
  });
}

function errorResponse(realm: SsoRealm | null, message: string, status: number, reference?: string): Response {
  const nonce = newNonce();
  const pageLook = realm ? look(realm) : { documentTitle: 'Sign-in', pageHeader: 'Sign-in' };
  return htmlResponse(renderErrorPage({ ...pageLook, nonce, message, reference }), { nonce, status });
}

/** Expected failures become a short page with a reference; the reason goes to the log only (STYLE §4). */
async function withErrorPage(slug: string, work: (realm: SsoRealm) => Promise<Response>): Promise<Response> {
  let realm: SsoRealm | null = null;
  try {
    realm = await loadSsoRealm(slug);
    if (!realm) {
      noteRequest({ outcome: 'unknown-realm' });
      return errorResponse(null, 'There is no sign-in page at this address.', 404);
    }
    noteRequest({ realm: realm.slug });
    return await work(realm);
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

/** A sign-in's outcome: counted for /metrics and put on the request's log line. */
function noteSignIn(realm: SsoRealm, outcome: SignInMetric): void {
  countSignIn(realm.slug, outcome);
  noteRequest({ outcome });
}

async function postAssertion(realm: SsoRealm, profile: UserProfile, session: SsoSession, now: number): Promise<Response> {
  const post = await buildSamlPost(realm, profile, session, new Date(now));
  const nonce = newNonce();
  const renewed = renewSession(session, realm.postAuthentication, now);
  return htmlResponse(renderAutoPostPage({ ...post, nonce }), {
    nonce,
    // Any https target: browsers check form-action on redirects too, and an SP's ACS may redirect onwards.
    formAction: 'https:',
    cookies: [sessionCookie(realm, renewed, now)],
  });
}

/** The live session in this request's cookie and its user, or null (signed out, expired, user disabled …). */
async function currentSession(request: Request, realm: SsoRealm, now: number) {
  const session = openSession(readCookie(request, realm.postAuthentication.cookieName), realm.id, now);
  const user = session && (await resolveSession(session, userStoreOf(realm)));
  return session && user ? { session, profile: user.profile } : null;
}

function signInPage(request: Request, realm: SsoRealm, form: { username?: string; error?: string; status?: number } = {}): Response {
  const nonce = newNonce();
  // One token per browser, not per page: a second open sign-in tab must keep working.
  const existing = readCookie(request, SIGN_IN_CSRF_COOKIE);
  const csrfToken = isIssuedSignInToken(existing, realm.id) ? existing : issueSignInToken(realm.id);
  const csrfCookie = serializeCookie(SIGN_IN_CSRF_COOKIE, csrfToken, {
    path: realmPath(realm),
    secure: isHttps(request),
    sameSite: 'Strict',
  });
  return htmlResponse(renderSignInPage({ ...look(realm), nonce, csrfToken, ...form }), {
    nonce,
    status: form.status ?? 200,
    cookies: [csrfCookie],
  });
}

/** GET /sso/<realm>: the sign-in page, or straight on to the service provider when already signed in. */
export function handleRealmGet(request: Request, slug: string, now = Date.now()): Promise<Response> {
  return withErrorPage(slug, async (realm) => {
    const current = await currentSession(request, realm, now);
    noteRequest({ outcome: current ? 'assertion' : 'sign-in-page' });
    return current ? postAssertion(realm, current.profile, current.session, now) : signInPage(request, realm);
  });
}

/** POST /sso/<realm>: check the username and password, start the SSO session, post the assertion. */
export function handleRealmPost(request: Request, slug: string, now = Date.now()): Promise<Response> {
  return withErrorPage(slug, async (realm) => {
    // Capped before parsing: the form is tiny, and no one gets to make us hold a body of their choosing.
    const form = await readLimitedForm(request, SSO_BODY_LIMIT, 'This sign-in request is too large. Please sign in again.');
    const field = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value.slice(0, 1024) : '';
    };
    const username = field('username');
    // Login CSRF: the form must come from a page this server gave this browser (signed double-submit cookie).
    if (!isValidSignInPost(field('csrf'), readCookie(request, SIGN_IN_CSRF_COOKIE), realm.id)) {
      noteSignIn(realm, 'expired-form');
      return signInPage(request, realm, { username, error: 'This sign-in page expired. Please sign in again.', status: 400 });
    }
    const outcome = await signIn(realm, username, field('password'), new Date(now));
    noteSignIn(realm, outcome.ok ? 'success' : outcome.reason);
    if (!outcome.ok) return signInPage(request, realm, { username, error: outcome.message, status: 401 });
    return postAssertion(realm, outcome.profile, startSession(outcome, realm.postAuthentication, now), now);
  });
}

/** GET /sso/<realm>/saml/idp-initiated (Redirect To): posts a fresh assertion for a signed-in user. */
export function handleIdpInitiated(request: Request, slug: string, now = Date.now()): Promise<Response> {
  return withErrorPage(slug, async (realm) => {
    const current = await currentSession(request, realm, now);
    // Relative: behind a reverse proxy, request.url names the internal address.
    noteRequest({ outcome: current ? 'assertion' : 'no-session' });
    if (!current) return new Response(null, { status: 303, headers: { Location: realmPath(realm) } });
    return postAssertion(realm, current.profile, current.session, now);
  });
}
