import 'server-only';

import type { UserProfile } from '@/lib/directory';
import { type ReadRequest, SSO_BODY_LIMIT, readLimitedForm } from '@/lib/http/body';
import { clientAddress } from '@/lib/http/client-address';
import { type SignInOutcome as SignInMetric, countSignIn } from '@/lib/metrics';
import { noteRequest } from '@/lib/request-context';
import { SIGN_IN_CSRF_COOKIE } from '@/lib/realm/schemas/post-authentication';
import { checkStep, nextStep } from '@/lib/workflow/machine';
import type { SpRequest } from '@/lib/workflow/sp-request';
import { type SignInTransaction, endTransaction, loadTransaction } from '@/lib/workflow/transactions';

import { buildSamlPost } from './assertion';
import { isValidSignInPost } from './csrf';
import { type SsoReply, type SsoRequest, readCookie, seeOther } from './http';
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
import {
  NO_PASSIVE,
  autoPost,
  errorPost,
  errorTarget,
  isSpInitiated,
  loadPendingRequest,
  redirectToSpStart,
  seeRealmUrl,
  storePendingRequest,
} from './sp-initiated';
import { readPostRequest, readRedirectRequest } from './sp-request';
import type { StepContext, StepResult } from './step-result';
import { currentView, realmSteps, runStep, startView } from './steps';

/**
 * The realm SSO URL (/sso/<realm>) and its Redirect To page: the Workflow tab's sign-in steps, the SSO session,
 * then Post Authentication's auto-POSTed SAML Response. Route handlers call these and return what they return.
 */

type Current = { session: SsoSession; profile: UserProfile };

/**
 * A fresh assertion for a live session (a second visit, Redirect To, an SP's request); each use renews a sliding
 * session. SP-initiated realms send a visit without a request to the SP Start URL instead.
 */
async function postForSession(
  request: SsoRequest,
  realm: SsoRealm,
  current: Current,
  now: number,
  spRequest?: SpRequest,
  cookies: string[] = [],
) {
  const post =
    spRequest || !isSpInitiated(realm) ? await buildSamlPost(realm, current.profile, current.session, new Date(now), spRequest) : null;
  const renewed = await renewSession(current.session, realm.postAuthentication, now);
  // The same sealed token again (it never changes within a session), with the renewed end for a persistent cookie.
  const sealed = readCookie(request, realm.postAuthentication.cookieName) ?? '';
  const all = [sessionCookie(realm, sealed, renewed, now), ...cookies];
  return post ? autoPost(post, all) : redirectToSpStart(realm, all);
}

/** The live session the request's cookie named and its user, or null (signed out, ended, expired, user disabled …). */
async function currentSession(realm: SsoRealm, read: SessionRead, now: number): Promise<Current | null> {
  const session = read && (await liveSession(read.session, now));
  const local = realm.directory.kind === 'local';
  const user = session && read && (await resolveSession(session, userStoreOf(realm), local ? read.localUser : undefined));
  return session && user ? { session, profile: user.profile } : null;
}

function stepContext(request: SsoRequest, realm: SsoRealm, now: number): StepContext {
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
async function currentPage(request: SsoRequest, context: StepContext, extras: { status?: number; error?: string } = {}) {
  const transaction = await loadTransaction(readTransactionCookie(request));
  const step = transaction && nextStep(transaction);
  const live =
    transaction && step && checkStep(transaction, { realmId: context.realm.id, realmSteps: context.steps, step, now: context.now }).ok;
  const view = live ? await currentView(context, transaction) : null;
  return stepResponse(request, context.realm, view ?? startView(context), extras);
}

/** All steps done: the session row replaces the sign-in row (once), then the assertion goes to the SP. */
async function complete(request: SsoRequest, context: StepContext, result: Extract<StepResult, { kind: 'complete' }>) {
  const { realm, now } = context;
  const { token, session } = newSession(realm.id, result.user, { ...realm.postAuthentication, privateDevice: result.privateDevice }, now);
  const spRequest = result.transaction?.spRequest ?? undefined;
  // Built before the session is stored: a realm that cannot issue an assertion leaves no session behind.
  const post =
    spRequest || !isSpInitiated(realm) ? await buildSamlPost(realm, result.user.profile, session, new Date(now), spRequest) : null;
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
  return post ? autoPost(post, cookies) : redirectToSpStart(realm, cookies);
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

async function respond(request: SsoRequest, context: StepContext, result: StepResult): Promise<SsoReply> {
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

/**
 * An SP's request (issue 9), new or kept in the sign-in row `pending`: answered at once for a live session (unless
 * ForceAuthn asks for a new sign-in), with NoPassive when the SP allows no sign-in page (IsPassive), otherwise
 * kept in a sign-in row until the steps are done (complete() answers it then).
 */
async function answerRequest(
  request: SsoRequest,
  context: StepContext,
  read: SessionRead,
  spRequest: SpRequest,
  pending: SignInTransaction | null,
) {
  const { realm, now } = context;
  const current = await currentSession(realm, read, now);
  noteRequest({ outcome: current && !spRequest.forceAuthn ? 'assertion' : spRequest.isPassive ? 'no-passive' : 'sign-in-page' });
  if ((current && !spRequest.forceAuthn) || spRequest.isPassive) {
    // One request, one answer: the row goes first (a version-checked delete), so a second tab cannot answer it again.
    if (pending && !(await endTransaction(pending))) {
      return currentPage(request, context, { status: 409, error: 'This sign-in was completed already. Please sign in again.' });
    }
    const cleared = pending ? [transactionCookie(request, realm, null)] : [];
    if (current && !spRequest.forceAuthn) return postForSession(request, realm, current, now, spRequest, cleared);
    return errorPost(realm, errorTarget(spRequest), NO_PASSIVE, now, cleared);
  }
  if (pending) return currentPage(request, context);
  const cookie = await storePendingRequest(request, context, spRequest);
  return stepResponse(request, realm, startView(context), { cookies: [cookie] });
}

/**
 * GET /sso/<realm>: an SP's request by HTTP-Redirect, or one kept from before (the POST binding, a reload); without
 * one, straight on to the service provider when signed in, else the sign-in's current page.
 */
export function handleRealmGet(request: SsoRequest, slug: string, now = Date.now()): Promise<SsoReply> {
  return withErrorPage(
    slug,
    async (realm, read) => {
      const incoming = readRedirectRequest(realm, request, now);
      if (incoming.kind === 'error-response') return errorPost(realm, incoming, incoming.status, now);
      if (incoming.kind === 'request') return answerRequest(request, stepContext(request, realm, now), read, incoming.request, null);
      const pending = await loadPendingRequest(request, realm, now);
      if (pending?.spRequest) return answerRequest(request, stepContext(request, realm, now), read, pending.spRequest, pending);
      const current = await currentSession(realm, read, now);
      noteRequest({ outcome: current ? 'assertion' : 'sign-in-page' });
      if (current) return postForSession(request, realm, current, now);
      return currentPage(request, stepContext(request, realm, now));
    },
    request,
  );
}

/** A POST to the realm URL: a fetch Request, or lib/sso/direct.ts's with its body read already. */
export type SsoPost = Request | (SsoRequest & ReadRequest);

/** A posted form to the realm URL, capped before it is parsed: the sign-in forms and SAMLRequests are small. */
const readSsoForm = (request: SsoPost) =>
  readLimitedForm(request, SSO_BODY_LIMIT, 'This sign-in request is too large. Please sign in again.');

/** A sign-in form's fields, if its CSRF token is right (login CSRF: a signed double-submit cookie); else null. */
function signInFields(form: FormData, request: SsoRequest, realm: SsoRealm): ((name: string) => string) | null {
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.slice(0, 1024) : '';
  };
  return isValidSignInPost(field('csrf'), readCookie(request, SIGN_IN_CSRF_COOKIE), realm.id) ? field : null;
}

/** Reads a posted sign-in form (capped) and checks its CSRF token; null when the token is not right. */
export async function readSignInForm(request: SsoPost, realm: SsoRealm): Promise<((name: string) => string) | null> {
  return signInFields(await readSsoForm(request), request, realm);
}

/**
 * POST /sso/<realm>: an SP's request by HTTP-POST (kept, then on by GET), or one sign-in step (the form says which);
 * the last step starts the session and posts the assertion.
 */
export function handleRealmPost(request: SsoPost, slug: string, now = Date.now()): Promise<SsoReply> {
  return withErrorPage(slug, async (realm) => {
    const form = await readSsoForm(request);
    const incoming = readPostRequest(realm, form, request.headers, now);
    if (incoming.kind === 'error-response') return errorPost(realm, incoming, incoming.status, now);
    const context = stepContext(request, realm, now);
    if (incoming.kind === 'request') return seeRealmUrl(realm, await storePendingRequest(request, context, incoming.request));
    const field = signInFields(form, request, realm);
    if (!field) {
      noteSignIn(realm, 'expired-form');
      return currentPage(request, context, { status: 400, error: 'This sign-in page expired. Please sign in again.' });
    }
    return respond(request, context, await runStep(context, field, readTransactionCookie(request)));
  });
}

/** GET /sso/<realm>/saml/idp-initiated (Redirect To): posts a fresh assertion for a signed-in user. */
export function handleIdpInitiated(request: SsoRequest, slug: string, now = Date.now()): Promise<SsoReply> {
  return withErrorPage(
    slug,
    async (realm, read) => {
      const current = await currentSession(realm, read, now);
      // Relative: behind a reverse proxy, request.url names the internal address.
      if (!current) return seeOther(realmPath(realm));
      return postForSession(request, realm, current, now);
    },
    request,
  );
}
