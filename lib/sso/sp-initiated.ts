import 'server-only';

import { SamlError } from '@/lib/errors';
import { parseHttpsUrl } from '@/lib/realm/schemas/fields';
import { SP_INITIATED_REDIRECTS } from '@/lib/realm/schemas/post-authentication';
import { renderAutoPostPage } from '@/lib/saml/post-binding';
import type { ErrorStatus } from '@/lib/saml/response';
import type { SpRequest } from '@/lib/workflow/sp-request';
import { type SignInTransaction, deleteTransaction, loadTransaction, startTransaction } from '@/lib/workflow/transactions';

import { type ErrorTarget, type SamlPost, buildErrorPost } from './assertion';
import { type SsoReply, type SsoRequest, htmlResponse, newNonce, seeOther } from './http';
import { MISCONFIGURED } from './messages';
import type { SsoRealm } from './realm';
import { readTransactionCookie, realmPath, transactionCookie } from './responses';
import type { StepContext } from './step-result';

/**
 * The pieces of SP-initiated SSO that the realm URL's handlers (endpoint.ts) put together: the sign-in row that
 * holds an SP's request until it is answered, the auto-POST of a Response, and where users go without a request.
 */

/** The HTTP-POST binding page with a Response for the SP (lib/saml/post-binding.ts). */
export function autoPost(post: SamlPost, cookies: string[]): SsoReply {
  const nonce = newNonce();
  return htmlResponse(renderAutoPostPage({ ...post, nonce }), {
    nonce,
    // Any https target: browsers check form-action on redirects too, and an SP's ACS may redirect onwards.
    formAction: 'https:',
    cookies,
  });
}

/** A SAML error Response auto-POSTed to the trusted ACS of the request it answers. */
export async function errorPost(realm: SsoRealm, target: ErrorTarget, status: ErrorStatus, now: number, cookies: string[] = []) {
  return autoPost(await buildErrorPost(realm, target, status, new Date(now)), cookies);
}

export const NO_PASSIVE: ErrorStatus = { code: 'Responder', subCode: 'NoPassive', message: 'The user is not signed in (IsPassive)' };

export const errorTarget = (spRequest: SpRequest): ErrorTarget => ({
  acs: spRequest.acs,
  inResponseTo: spRequest.id,
  relayState: spRequest.relayState,
});

/** The SP's request a sign-in row holds, if the row is this realm's and still live; else null. */
export function heldRequest(transaction: SignInTransaction | null, realm: SsoRealm, now: number): SpRequest | null {
  return transaction?.realmId === realm.id && transaction.expiresAt > now ? transaction.spRequest : null;
}

/** The sign-in of this request's cookie when it holds an SP's request at this realm and is still live. */
export async function loadPendingRequest(request: SsoRequest, realm: SsoRealm, now: number): Promise<SignInTransaction | null> {
  const transaction = await loadTransaction(readTransactionCookie(request));
  return heldRequest(transaction, realm, now) ? transaction : null;
}

/** A new sign-in row that holds an SP's request before its first step; its token. */
async function holdRequest({ realm, steps, now }: StepContext, spRequest: SpRequest): Promise<string> {
  const started = await startTransaction({ realmId: realm.id, steps, done: 0, privateDevice: false, username: '', spRequest }, now);
  return started.token;
}

/**
 * Keeps an SP's request in a new sign-in row before its first step (any sign-in of the cookie before it ends): the
 * steps, the POST binding's redirect and any instance find it there. Returns the cookie that names it.
 */
export async function storePendingRequest(request: SsoRequest, context: StepContext, spRequest: SpRequest): Promise<string> {
  await deleteTransaction(readTransactionCookie(request));
  return transactionCookie(request, context.realm, await holdRequest(context, spRequest));
}

/** A sign-in started over (Start over): the SP's request it held, if any, goes on in a new row. */
export async function restartKeepingRequest(context: StepContext, cookie: string | undefined): Promise<string | null> {
  const transaction = await loadTransaction(cookie);
  await deleteTransaction(cookie);
  const spRequest = heldRequest(transaction, context.realm, context.now);
  return spRequest ? holdRequest(context, spRequest) : null;
}

export const isSpInitiated = (realm: SsoRealm) => SP_INITIATED_REDIRECTS.includes(realm.postAuthentication.redirect);

/**
 * SP-initiated realms: a signed-in user who came without a request goes to the SP Start URL, which starts the SP's
 * own sign-in (its AuthnRequest then finds the session). Relative redirects are not allowed here: it is another site.
 */
export function redirectToSpStart(realm: SsoRealm, cookies: string[]): SsoReply {
  const start = parseHttpsUrl(realm.postAuthentication.spStartUrl);
  if (!start) throw new SamlError(MISCONFIGURED, `realm ${realm.slug}: SP-initiated without an SP Start URL`);
  return seeOther(start.href, cookies);
}

/**
 * The POST binding's request, kept: on to the realm URL by GET. A POST from the SP's site carries none of our
 * SameSite=Lax cookies (the SSO session among them); the top-level GET that follows does.
 */
export function seeRealmUrl(realm: SsoRealm, cookie: string): SsoReply {
  return seeOther(realmPath(realm), [cookie]);
}
