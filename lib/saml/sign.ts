import type { KeyObject } from 'node:crypto';

import { SignedXml } from 'xml-crypto';

import { escapeXml11LineEnds } from './xml';

const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

export type SigningKey = { privateKey: KeyObject; certificateBase64: string };

const byLocalName = (name: string) => `*[local-name(.)='${name}']`;

/**
 * Adds an enveloped XML-DSig signature to the element `elementName` (Assertion or Response), placed right after
 * its Issuer as SAML core §5.4.1 requires: RSA-SHA256, SHA-256 digest, exclusive c14n, the certificate in
 * KeyInfo. The only signing code in Realmgate (STYLE §5); callers do not choose algorithms.
 */
export function signElement(xml: string, elementName: 'Assertion' | 'Response', key: SigningKey): string {
  const target = elementName === 'Response' ? `/${byLocalName('Response')}` : `//${byLocalName('Assertion')}`;
  const signature = new SignedXml({
    privateKey: key.privateKey,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
    getKeyInfoContent: () => `<ds:X509Data><ds:X509Certificate>${key.certificateBase64}</ds:X509Certificate></ds:X509Data>`,
  });
  signature.addReference({ xpath: target, transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: SHA256 });
  signature.computeSignature(xml, {
    prefix: 'ds',
    location: { reference: `${target}/${byLocalName('Issuer')}`, action: 'after' },
  });
  // xml-crypto re-serialises the document with xmldom, which writes NEL, LS and PS raw (CR it escapes itself).
  return escapeXml11LineEnds(signature.getSignedXml());
}

/** Signs the assertion and, when configured, the whole message (the assertion first: the outer digest covers it). */
export function signResponse(xml: string, key: SigningKey, options: { signAssertion: boolean; signMessage: boolean }): string {
  const withAssertion = options.signAssertion ? signElement(xml, 'Assertion', key) : xml;
  return options.signMessage ? signElement(withAssertion, 'Response', key) : withAssertion;
}
