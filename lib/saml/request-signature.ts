import { X509Certificate, verify } from 'node:crypto';

import type { Document, Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';

import { childrenNamed, parseUntrustedXml } from './safe-xml';
import { NS } from './xml';

/**
 * The signatures an SP puts on its AuthnRequest, checked with the SP's certificate from the realm's settings, never
 * with a key the request carries. RSA with SHA-256 or SHA-512 only: SHA-1 signatures can be forged (SHAttered), so a
 * request signed with RSA-SHA1 is refused like an unsigned one, as Realmgate never signs with SHA-1 either.
 */

export class RequestSignatureError extends Error {}

const fail = (reason: string): never => {
  throw new RequestSignatureError(reason);
};

/** XML-DSig algorithm URIs (RFC 6931 §2.3) → Node's digest names. */
const SIGNATURE_ALGORITHMS: Readonly<Record<string, string>> = Object.freeze({
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': 'sha512',
});

const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/** The SP's certificate (PEM) as a public key; a realm whose certificate does not parse accepts no signature. */
function publicKeyOf(certificatePem: string) {
  try {
    return new X509Certificate(certificatePem).publicKey;
  } catch {
    return fail("the realm's SP signing certificate cannot be read");
  }
}

/** The query's parameters as they arrived (still URL-encoded), each at most once. */
function rawParameters(rawQuery: string): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const at = part.indexOf('=');
    const name = at === -1 ? part : part.slice(0, at);
    if (parameters.has(name)) fail(`the query names ${name} twice`);
    parameters.set(name, at === -1 ? '' : part.slice(at + 1));
  }
  return parameters;
}

function decodeQueryValue(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return fail('the query has a malformed %-escape');
  }
}

/** Whether the Redirect binding's query carries a signature (SigAlg and Signature). */
export function hasRedirectSignature(rawQuery: string): boolean {
  const parameters = rawParameters(rawQuery);
  return parameters.has('Signature') || parameters.has('SigAlg');
}

/**
 * SAML bindings §3.4.4.1: the signature covers `SAMLRequest=…&RelayState=…&SigAlg=…` built from the values exactly
 * as they were URL-encoded in the query received (re-encoding them could change the octets the SP signed).
 */
export function verifyRedirectSignature(rawQuery: string, certificatePem: string): void {
  const parameters = rawParameters(rawQuery);
  const [request, relayState, sigAlg, signature] = ['SAMLRequest', 'RelayState', 'SigAlg', 'Signature'].map((name) => parameters.get(name));
  if (request === undefined || sigAlg === undefined || signature === undefined) return fail('the request is not signed');
  const algorithm =
    SIGNATURE_ALGORITHMS[decodeQueryValue(sigAlg)] ?? fail(`the signature algorithm ${decodeQueryValue(sigAlg)} is refused`);
  const key = publicKeyOf(certificatePem);
  const value = Buffer.from(decodeQueryValue(signature), 'base64');
  const signedString = (encode: (raw: string) => string) =>
    [
      `SAMLRequest=${encode(request)}`,
      ...(relayState === undefined ? [] : [`RelayState=${encode(relayState)}`]),
      `SigAlg=${encode(sigAlg)}`,
    ].join('&');
  const verifies = (encode: (raw: string) => string) => verify(algorithm, Buffer.from(signedString(encode), 'utf8'), key, value);
  // The octets as received, as the binding says; then the same values encoded as encodeURIComponent does, which is
  // what some SPs sign while their URL encodes otherwise (node-saml signs `%20`, sends `+`). Both cover the same
  // decoded values, so the second reading accepts nothing the SP did not sign.
  if (!verifies((raw) => raw) && !verifies((raw) => encodeURIComponent(decodeQueryValue(raw)))) {
    fail('the query signature does not verify with the SP certificate');
  }
}

/** The one ds:Signature of a POSTed request: a child of the root, and no other signature anywhere. */
export function findEnvelopedSignature(document: Document): Element | null {
  const root = document.documentElement;
  const all = document.getElementsByTagNameNS(NS.dsig, 'Signature');
  if (!root || all.length === 0) return null;
  const [signature, ...more] = childrenNamed(root, NS.dsig, 'Signature');
  if (!signature || more.length > 0 || all.length > 1) fail('the request must carry exactly one signature, on its root element');
  return signature ?? null;
}

function checkSignedInfo(signature: Element, rootId: string): void {
  const [signedInfo] = childrenNamed(signature, NS.dsig, 'SignedInfo');
  if (!signedInfo) return fail('the signature has no SignedInfo');
  const method = childrenNamed(signedInfo, NS.dsig, 'SignatureMethod')[0]?.getAttribute('Algorithm') ?? '';
  if (!SIGNATURE_ALGORITHMS[method]) fail(`the signature algorithm ${method} is refused`);
  const references = childrenNamed(signedInfo, NS.dsig, 'Reference');
  // SAML core §5.4.2: one Reference, to the signed element's ID. Anything else may sign some other element.
  if (references.length !== 1 || references[0]?.getAttribute('URI') !== `#${rootId}`) fail('the signature does not refer to the request');
  const transforms = references[0]
    ? childrenNamed(references[0], NS.dsig, 'Transforms').flatMap((t) => childrenNamed(t, NS.dsig, 'Transform'))
    : [];
  for (const transform of transforms) {
    const uri = transform.getAttribute('Algorithm');
    if (uri !== ENVELOPED && uri !== EXC_C14N) fail(`the signature uses the transform ${uri}`);
  }
}

/**
 * Checks the enveloped XML signature of a POSTed AuthnRequest (SAML core §5.4) with the SP's certificate and returns
 * the request as signed: the canonical form xml-crypto verified, parsed again. Reading the request from that copy,
 * not from the document received, leaves nothing unsigned to read (signature wrapping).
 */
export function verifyPostSignature(xml: string, document: Document, certificatePem: string, maxBytes: number): Document {
  const signature = findEnvelopedSignature(document) ?? fail('the request is not signed');
  const rootId = document.documentElement?.getAttribute('ID') ?? '';
  checkSignedInfo(signature, rootId);
  publicKeyOf(certificatePem);
  const checker = new SignedXml({ publicCert: certificatePem, getCertFromKeyInfo: () => null });
  // xml-crypto's types name the browser's DOM; at run time it takes xmldom's nodes.
  checker.loadSignature(signature as unknown as Node);
  let valid = false;
  try {
    valid = checker.checkSignature(xml);
  } catch (error) {
    fail(`the signature does not verify: ${error instanceof Error ? error.message : String(error)}`);
  }
  const signed = checker.getSignedReferences();
  if (!valid || signed.length !== 1 || !signed[0]) return fail('the signature does not verify with the SP certificate');
  const copy = parseUntrustedXml(new TextEncoder().encode(signed[0]), maxBytes);
  if (copy.documentElement?.getAttribute('ID') !== rootId) fail('the signature covers another element than the request');
  return copy;
}
