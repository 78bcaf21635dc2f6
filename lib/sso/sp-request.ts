import 'server-only';

import type { Document } from '@xmldom/xmldom';

import { SamlRequestError } from '@/lib/errors';
import type { HeaderReader } from '@/lib/http/hosts';
import { publicOrigin, ssoUrl } from '@/lib/http/origin';
import { isSaml2Redirect } from '@/lib/realm/options';
import { parseHttpsUrl } from '@/lib/realm/schemas/fields';
import { MAX_RELAY_STATE_BYTES, acsUrlLines, fitsRelayState } from '@/lib/realm/schemas/post-authentication';
import {
  type AuthnRequest,
  HTTP_POST_BINDING,
  MAX_AUTHN_REQUEST_BYTES,
  MalformedRequestError,
  decodeAuthnRequest,
  readAuthnRequest,
} from '@/lib/saml/authn-request';
import {
  RequestSignatureError,
  findEnvelopedSignature,
  hasRedirectSignature,
  verifyPostSignature,
  verifyRedirectSignature,
} from '@/lib/saml/request-signature';
import { BEARER_MINUTES, type ErrorStatus } from '@/lib/saml/response';
import type { SpRequest } from '@/lib/workflow/sp-request';

import type { SsoRequest } from './http';
import type { SsoRealm } from './realm';

/**
 * An SP's AuthnRequest at /sso/<realm> (issue 9), judged against the realm's Post Authentication tab. A request
 * that is not the realm's SP's, or not readable, or not signed as required, is refused with an error page: no
 * assertion and no message goes anywhere. Once the request is known to come from the SP and to name one of its
 * trusted ACS URLs, what cannot be honoured is answered there with a SAML error Response (SAML core §3.2.2.2).
 */
export type IncomingRequest =
  | { kind: 'none' }
  | { kind: 'request'; request: SpRequest }
  | { kind: 'error-response'; acs: string; inResponseTo: string; relayState?: string; status: ErrorStatus };

/** What a request carries besides its XML: the binding, the RelayState, and for Redirect the raw query it was signed in. */
export type ReceivedRequest =
  | { binding: 'redirect'; encoded: string; relayState: string | null; rawQuery: string }
  | {
      binding: 'post';
      encoded: string;
      relayState: string | null;
    };

export const REQUEST_REFUSED =
  'The application asked for a sign-in that cannot be accepted. Please go back to the application and try again, or contact your administrator and quote the reference below.';

const MINUTE = 60_000;
/** How old a request may be: a user on a slow page, plus the clock difference Offset Minutes allows. */
const REQUEST_MAX_AGE_MINUTES = 10;

const quoted = (value: string) => JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);

/** The SAML Issuer the realm expects of its SP: SP Entity ID, or the SAML Audience when that is empty. */
export const spEntityIdOf = (realm: SsoRealm) => realm.postAuthentication.spEntityId || realm.postAuthentication.audience;

/** The addresses of this realm's SSO URL a Destination may name: the public origin's and the metadata Domain's. */
function ssoUrlsOf(realm: SsoRealm, headers: HeaderReader): string[] {
  const origin = publicOrigin(headers);
  const domain = realm.postAuthentication.metadataDomain;
  return [origin ? ssoUrl(origin, realm.slug) : null, domain ? ssoUrl(`https://${domain}`, realm.slug) : null]
    .filter((url): url is string => url !== null)
    .map((url) => new URL(url).href);
}

const normalisedUrl = (value: string) => {
  try {
    return new URL(value).href;
  } catch {
    return null;
  }
};

/** The request's document: decoded, parsed, and when signed (or required to be), its signature checked. */
function verifiedDocument(realm: SsoRealm, received: ReceivedRequest): Document {
  const { requireSignedAuthn, spCertificate } = realm.postAuthentication;
  const { xml, document } = decodeAuthnRequest(received.encoded, received.binding);
  if (received.binding === 'redirect') {
    const signed = hasRedirectSignature(received.rawQuery);
    if (requireSignedAuthn && !signed) throw new RequestSignatureError('the request is not signed, and the realm requires signed requests');
    if (signed && spCertificate) verifyRedirectSignature(received.rawQuery, spCertificate);
    return document;
  }
  const signature = findEnvelopedSignature(document);
  if (requireSignedAuthn && !signature)
    throw new RequestSignatureError('the request is not signed, and the realm requires signed requests');
  return signature && spCertificate ? verifyPostSignature(xml, document, spCertificate, MAX_AUTHN_REQUEST_BYTES) : document;
}

/** The checks that make a request the realm's SP's, for this realm, now; each failure is a refusal (reason for the log). */
function checkOrigin(realm: SsoRealm, request: AuthnRequest, headers: HeaderReader, now: number): string | null {
  if (request.issuer !== spEntityIdOf(realm)) return `its Issuer ${quoted(request.issuer)} is not the realm's SP Entity ID`;
  if (request.destination !== null && !ssoUrlsOf(realm, headers).includes(normalisedUrl(request.destination) ?? '')) {
    return `its Destination ${quoted(request.destination)} is not this realm's SSO URL`;
  }
  const skew = (BEARER_MINUTES + realm.postAuthentication.offsetMinutes) * MINUTE;
  const issued = request.issueInstant.getTime();
  if (issued > now + skew || issued < now - REQUEST_MAX_AGE_MINUTES * MINUTE - skew) {
    return `its IssueInstant ${request.issueInstant.toISOString()} is too far from now`;
  }
  return null;
}

/** The trusted ACS the request names (or the Consumer URL), or null when it names another. */
function trustedAcs(realm: SsoRealm, request: AuthnRequest): string | null {
  const { consumerUrl, allowedAcsUrls } = realm.postAuthentication;
  if (request.acsUrl === null) return consumerUrl;
  const named = parseHttpsUrl(request.acsUrl)?.href;
  return named && [consumerUrl, ...acsUrlLines(allowedAcsUrls)].includes(named) ? named : null;
}

/** What a request from the SP to a trusted ACS asks that Realmgate cannot do; null when it can be answered. */
function unsupported(request: AuthnRequest, relayState: string | null): ErrorStatus | null {
  if (request.acsIndex !== null) {
    return {
      code: 'Requester',
      subCode: 'RequestUnsupported',
      message: 'AssertionConsumerServiceIndex is not supported: send AssertionConsumerServiceURL',
    };
  }
  if (request.protocolBinding !== null && request.protocolBinding !== HTTP_POST_BINDING) {
    return { code: 'Requester', subCode: 'UnsupportedBinding', message: 'Responses are sent by HTTP-POST only' };
  }
  if (relayState !== null && !fitsRelayState(relayState)) {
    return { code: 'Requester', message: `RelayState is longer than ${MAX_RELAY_STATE_BYTES} bytes (SAML bindings §3.4.3)` };
  }
  return null;
}

function refuse(realm: SsoRealm, reason: string): never {
  throw new SamlRequestError(REQUEST_REFUSED, `realm ${realm.slug}: AuthnRequest refused: ${reason}`, 400);
}

/** Judges a received AuthnRequest for this realm; throws SamlRequestError (an error page) when it must be refused. */
export function acceptRequest(realm: SsoRealm, received: ReceivedRequest, headers: HeaderReader, now: number): IncomingRequest {
  if (!isSaml2Redirect(realm.postAuthentication.redirect)) refuse(realm, 'the realm has no SAML 2.0 redirect');
  let request: AuthnRequest;
  try {
    request = readAuthnRequest(verifiedDocument(realm, received));
  } catch (error) {
    if (error instanceof MalformedRequestError || error instanceof RequestSignatureError) return refuse(realm, error.message);
    throw error;
  }
  const problem = checkOrigin(realm, request, headers, now);
  if (problem) refuse(realm, problem);
  const acs = trustedAcs(realm, request) ?? refuse(realm, `its ACS URL ${quoted(request.acsUrl ?? '')} is not one of the realm's`);
  const status = unsupported(request, received.relayState);
  if (status) {
    const relayState = received.relayState !== null && fitsRelayState(received.relayState) ? received.relayState : undefined;
    return { kind: 'error-response', acs, inResponseTo: request.id, relayState, status };
  }
  const relayState = received.relayState ?? undefined;
  return { kind: 'request', request: { id: request.id, acs, relayState, forceAuthn: request.forceAuthn, isPassive: request.isPassive } };
}

/** HTTP-Redirect: a GET with SAMLRequest in its query; `none` for a visit without one. */
export function readRedirectRequest(realm: SsoRealm, request: SsoRequest, now: number): IncomingRequest {
  const url = new URL(request.url);
  const encoded = url.searchParams.get('SAMLRequest');
  if (encoded === null) return { kind: 'none' };
  const received = { binding: 'redirect' as const, encoded, relayState: url.searchParams.get('RelayState'), rawQuery: url.search.slice(1) };
  return acceptRequest(realm, received, request.headers, now);
}

/** HTTP-POST: a form with SAMLRequest (its body already read and capped); `none` when the form has none. */
export function readPostRequest(realm: SsoRealm, form: FormData, headers: HeaderReader, now: number): IncomingRequest {
  const encoded = form.get('SAMLRequest');
  if (typeof encoded !== 'string') return { kind: 'none' };
  const relayState = form.get('RelayState');
  return acceptRequest(realm, { binding: 'post', encoded, relayState: typeof relayState === 'string' ? relayState : null }, headers, now);
}
