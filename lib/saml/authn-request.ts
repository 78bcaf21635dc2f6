import type { Document, Element } from '@xmldom/xmldom';

import { NS } from './xml';
import { UnsafeXmlError, childrenNamed, decodeBase64, inflateBounded, parseUntrustedXml, textOf } from './safe-xml';

/**
 * An SP's AuthnRequest (SAML core §3.4.1) as it arrives by HTTP-Redirect or HTTP-POST (SAML bindings §3.4, §3.5):
 * decoded, size-capped, parsed without a DTD, and read into plain values. Whether the request is acceptable for a
 * realm (its Issuer, ACS, Destination, signature) is lib/sso/sp-request.ts's business.
 */

/** An AuthnRequest is a few hundred bytes, a signed one with its certificate a few kilobytes. */
export const MAX_AUTHN_REQUEST_BYTES = 16 * 1024;

export const HTTP_POST_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

export class MalformedRequestError extends Error {}

export type AuthnRequest = {
  id: string;
  issueInstant: Date;
  issuer: string;
  destination: string | null;
  acsUrl: string | null;
  acsIndex: string | null;
  protocolBinding: string | null;
  forceAuthn: boolean;
  isPassive: boolean;
};

/** xs:ID is an NCName: a letter or underscore first, no colon or space. */
const NC_NAME = /^[A-Za-z_][\w.-]*$/;
// xs:dateTime in UTC as SAML requires (core §1.3.3), fractions allowed.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const fail = (reason: string): never => {
  throw new MalformedRequestError(reason);
};

/** xs:boolean: true, false, 1 or 0; absent is false. */
function booleanAttribute(element: Element, name: string): boolean {
  const value = element.getAttribute(name);
  if (value === null) return false;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return fail(`${name}="${value}" is not a boolean`);
}

function readIssuer(root: Element): string {
  const issuers = childrenNamed(root, NS.assertion, 'Issuer');
  if (issuers.length !== 1 || !issuers[0]) return fail('the request needs exactly one saml:Issuer');
  const format = issuers[0].getAttribute('Format');
  if (format && format !== 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity') fail(`the Issuer's Format is ${format}`);
  return textOf(issuers[0]).trim();
}

/** The request's values from its root element (parsed by parseUntrustedXml, or the signed copy of it). */
export function readAuthnRequest(document: Document): AuthnRequest {
  const root = document.documentElement;
  if (!root || root.namespaceURI !== NS.protocol || root.localName !== 'AuthnRequest') {
    return fail(`the message is a ${root?.localName ?? 'nothing'}, not a samlp:AuthnRequest`);
  }
  const id = root.getAttribute('ID') ?? '';
  if (!NC_NAME.test(id) || id.length > 256) fail('the request has no valid ID');
  if (root.getAttribute('Version') !== '2.0') fail(`the request's Version is ${root.getAttribute('Version')}, not 2.0`);
  const instant = root.getAttribute('IssueInstant') ?? '';
  if (!INSTANT.test(instant) || Number.isNaN(Date.parse(instant))) fail(`the IssueInstant "${instant}" is not a UTC xs:dateTime`);
  return {
    id,
    issueInstant: new Date(instant),
    issuer: readIssuer(root),
    destination: root.getAttribute('Destination'),
    acsUrl: root.getAttribute('AssertionConsumerServiceURL'),
    acsIndex: root.getAttribute('AssertionConsumerServiceIndex'),
    protocolBinding: root.getAttribute('ProtocolBinding'),
    forceAuthn: booleanAttribute(root, 'ForceAuthn'),
    isPassive: booleanAttribute(root, 'IsPassive'),
  };
}

/** The parameter's base64 as bytes, refused when it is too long to be a request. */
function decodeParameter(encoded: string): Uint8Array {
  // base64 grows by a third; anything longer than that cannot decode to an acceptable request.
  if (encoded.length > (MAX_AUTHN_REQUEST_BYTES * 4) / 3 + 1024) fail(`the SAMLRequest parameter has ${encoded.length} characters`);
  return decodeBase64(encoded) ?? fail('the SAMLRequest parameter is not base64');
}

/** Whether the bytes start, after any whitespace, with `<`: XML rather than DEFLATE. */
function startsWithMarkup(bytes: Uint8Array): boolean {
  const first = bytes.find((byte) => byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d);
  return first === 0x3c;
}

/** The request document of a SAMLRequest parameter: raw DEFLATE + base64 (Redirect) or base64 (POST). */
export function decodeAuthnRequest(encoded: string, binding: 'redirect' | 'post'): { xml: string; document: Document } {
  const decoded = decodeParameter(encoded);
  try {
    // POST carries plain base64 (SAML bindings §3.5.4), but node-saml deflates it too unless told not to: what does
    // not start with markup is inflated, as for Redirect, within the same bound.
    const inflate = binding === 'redirect' || !startsWithMarkup(decoded);
    const bytes = inflate ? inflateBounded(decoded, MAX_AUTHN_REQUEST_BYTES) : decoded;
    const document = parseUntrustedXml(bytes, MAX_AUTHN_REQUEST_BYTES);
    return { xml: Buffer.from(bytes).toString('utf8'), document };
  } catch (error) {
    if (error instanceof UnsafeXmlError) return fail(error.message);
    throw error;
  }
}
