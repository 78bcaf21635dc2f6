import 'server-only';

import type { UserProfile } from '@/lib/directory';
import { SSO_BODY_LIMIT, readLimitedForm } from '@/lib/http/body';
import { clientAddress } from '@/lib/http/client-address';
import { type SignInOutcome as SignInMetric, countSignIn } from '@/lib/metrics';
import { noteRequest } from '@/lib/request-context';
import { SIGN_IN_CSRF_COOKIE } from '@/lib/realm/schemas/post-authentication';
import { renderAutoPostPage } from '@/lib/saml/post-binding';
import { checkStep, nextStep } from '@/lib/workflow/machine';
import { loadTransaction } from '@/lib/workflow/transactions';

import { buildSamlPost } from './assertion';
import { isValidSignInPost } from './csrf';
import { htmlResponse, newNonce, readCookie } from './http';
import {
  readRememberedMethod,
  readTransactionCookie,
  realmPath,
  rememberedMethodCookie,
  sessionCookie,
  stepResponse,
  transactionCookie,
  withErrorPage,
} from './responses';
import type { SsoRealm } from './realm';
import type { SessionRead } from './realm-cache';
import { type SsoSession, liveSession, newSession, renewSession, resolveSession, sealSessionToken, storeSignIn } from './session';
import { userStoreOf } from './sign-in';
import type { StepContext, StepResult } from './step-result';
import { currentView, realmSteps, runStep, startView } from './steps';

/**
 * The realm SSO URL (/sso/<realm>) and its Redirect To page: the Workflow tab's sign-in steps, the SSO session,
 * then Post Authentication's auto-POSTed SAML Response. Route handlers call these and return what they return.
 */

function autoPost(realm: SsoRealm, post: Awaited<ReturnType<typeof buildSamlPost>>, cookies: string[]): Response {
  const nonce = newNonce();
  return htmlResponse(renderAutoPostPage({ ...post, nonce }), {
    nonce,
    // Any https target: browsers check form-action on redirects too, and an SP's ACS may redirect onwards.
    formAction: 'https:',
    cookies,
  });
}

/** A fresh assertion for a live session (a second visit, Redirect To); each use renews a sliding session. */
async function postForSession(request: Request, realm: SsoRealm, profile: UserProfile, session: SsoSession, now: number) {
  const post = await buildSamlPost(realm, profile, session, new Date(now));
  const renewed = await renewSession(session, realm.postAuthentication, now);
  // The same sealed token again (it never changes within a session), with the renewed end for a persistent cookie.
  const sealed = readCookie(request, realm.postAuthentication.cookieName) ?? '';
  return autoPost(realm, post, [sessionCookie(realm, sealed, renewed, now)]);
}

/** The live session the request's cookie named and its user, or null (signed out, ended, expired, user disabled …). */
async function currentSession(realm: SsoRealm, read: SessionRead, now: number) {
  const session = read && (await liveSession(read.session, now));
  const local = realm.directory.kind === 'local';
  const user = session && read && (await resolveSession(session, userStoreOf(realm), local ? read.localUser : undefined));
  return session && user ? { session, profile: user.profile } : null;
}

function stepContext(request: Request, realm: SsoRealm, now: number): StepContext {
  return {
    realm,
    steps: realmSteps(realm),
    store: userStoreOf(realm),
    address: clientAddress(request.headers),
    now,
    remembered: readRememberedMethod(request),
  };
}

/** The page of the sign-in in this request's cookie, if it is live at this realm; otherwise the first page. */
async function currentPage(request: Request, context: StepContext, extras: { status?: number; error?: string } = {}) {
  const transaction = await loadTransaction(readTransactionCookie(request));
  const step = transaction && nextStep(transaction);
  const live =
    transaction && step && checkStep(transaction, { realmId: context.realm.id, realmSteps: context.steps, step, now: context.now }).ok;
  const view = live ? await currentView(context, transaction) : null;
  return stepResponse(request, context.realm, view ?? startView(context), extras);
}

/** All steps done: the session row replaces the sign-in row (once), then the assertion goes to the SP. */
async function complete(request: Request, context: StepContext, result: Extract<StepResult, { kind: 'complete' }>) {
  const { realm, now } = context;
  const { token, session } = newSession(realm.id, result.user, { ...realm.postAuthentication, privateDevice: result.privateDevice }, now);
  // Built before the session is stored: a realm that cannot issue an assertion leaves no session behind.
  const post = await buildSamlPost(realm, result.user.profile, session, new Date(now));
  if (!(await storeSignIn(session, result.transaction, now))) {
    return stepResponse(request, realm, startView(context), {
      status: 409,
      error: 'This sign-in was completed already. Please sign in again.',
    });
  }
  const cookies = [sessionCookie(realm, sealSessionToken(token, realm.id), session, now), transactionCookie(request, realm, null)];
  if (result.method && result.privateDevice && realm.device.rememberUserSelection) {
    cookies.push(rememberedMethodCookie(request, realm, result.method));
  }
  return autoPost(realm, post, cookies);
}

/** How a posted step ended, for /metrics and the request's log line (lib/metrics.ts). */
function signInMetric(result: StepResult): SignInMetric | null {
  if (result.kind === 'complete') return 'success';
  if (result.kind === 'stale') return null;
  return ({ 400: 'missing', 401: 'invalid', 429: 'locked' } as const)[result.status as 400 | 401 | 429] ?? null;
}

function noteSignIn(realm: SsoRealm, outcome: SignInMetric | null): void {
  if (!outcome) return;
  countSignIn(realm.slug, outcome);
  noteRequest({ outcome });
}

async function respond(request: Request, context: StepContext, result: StepResult): Promise<Response> {
  const { realm } = context;
  noteSignIn(realm, signInMetric(result));
  switch (result.kind) {
    case 'complete':
      return complete(request, context, result);
    case 'stale':
      return currentPage(request, context, { status: 409, error: 'This page was out of date. Please try again.' });
    case 'view': {
      const cookies = result.token === undefined ? [] : [transactionCookie(request, realm, result.token)];
      return stepResponse(request, realm, result.view, { ...result, cookies });
    }
    case 'current': {
      const view = (await currentView(context, result.transaction)) ?? startView(context);
      const cookies = result.token ? [transactionCookie(request, realm, result.token)] : [];
      return stepResponse(request, realm, view, { ...result, cookies });
    }
  }
}

/** GET /sso/<realm>: straight on to the service provider when signed in, else the sign-in's current page. */
export function handleRealmGet(request: Request, slug: string, now = Date.now()): Promise<Response> {
  return withErrorPage(
    slug,
    async (realm, read) => {
      const current = await currentSession(realm, read, now);
      noteRequest({ outcome: current ? 'assertion' : 'sign-in-page' });
      if (current) return postForSession(request, realm, current.profile, current.session, now);
      return currentPage(request, stepContext(request, realm, now));
    },
    request,
  );
}

/** Reads a posted sign-in form (capped) and checks its CSRF token; null when the token is not right. */
export async function readSignInForm(request: Request, realm: SsoRealm): Promise<((name: string) => string) | null> {
  // Capped before parsing: the forms are tiny, and no one gets to make us hold a body of their choosing.
  const form = await readLimitedForm(request, SSO_BODY_LIMIT, 'This sign-in request is too large. Please sign in again.');
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.slice(0, 1024) : '';
  };
  // Login CSRF: the form must come from a page this server gave this browser (signed double-submit cookie).
  return isValidSignInPost(field('csrf'), readCookie(request, SIGN_IN_CSRF_COOKIE), realm.id) ? field : null;
}

/** POST /sso/<realm>: one sign-in step (the form says which); the last one starts the session and posts the assertion. */
export function handleRealmPost(request: Request, slug: string, now = Date.now()): Promise<Response> {
  return withErrorPage(slug, async (realm) => {
    const context = stepContext(request, realm, now);
    const field = await readSignInForm(request, realm);
    if (!field) {
      noteSignIn(realm, 'expired-form');
      return currentPage(request, context, { status: 400, error: 'This sign-in page expired. Please sign in again.' });
    }
    return respond(request, context, await runStep(context, field, readTransactionCookie(request)));
  });
}

/** GET /sso/<realm>/saml/idp-initiated (Redirect To): posts a fresh assertion for a signed-in user. */
export function handleIdpInitiated(request: Request, slug: string, now = Date.now()): Promise<Response> {
  return withErrorPage(
    slug,
    async (realm, read) => {
      const current = await currentSession(realm, read, now);
      // Relative: behind a reverse proxy, request.url names the internal address.
      if (!current) return new Response(null, { status: 303, headers: { Location: realmPath(realm) } });
      return postForSession(request, realm, current.profile, current.session, now);
    },
    request,
  );
}
