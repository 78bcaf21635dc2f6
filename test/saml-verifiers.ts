import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { DOMParser, type Element, type Node as XmldomNode } from '@xmldom/xmldom';
import { ExclusiveCanonicalization, SignedXml } from 'xml-crypto';

/**
 * Independent checks of the SAML Realmgate produces (DESIGN "SAML"): node-saml as a service provider,
 * xmllint against the OASIS schemas, xmlsec1 and xml-crypto for the signatures. None of them shares code with
 * lib/saml: Realmgate writes canonical XML itself (lib/saml/canonical-xml.ts), and xml-crypto is the reference
 * its canonical bytes are compared with.
 */

// Relative to the project root, where vitest and Playwright both run (no import.meta: Playwright loads CommonJS).
const XSD_DIR = path.resolve(process.cwd(), 'test', 'saml-xsd');

function tempFile(name: string, content: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'realmgate-saml-')), name);
  writeFileSync(file, content);
  return file;
}

export type SpExpectations = {
  idpCertPem: string;
  idpIssuer: string;
  audience: string;
  /** The SP's ACS: node-saml checks the Response's Destination against it. */
  callbackUrl: string;
  wantAuthnResponseSigned?: boolean;
  /** True unless said otherwise: a realm may sign only the message (Sign SAML Assertion: False). */
  wantAssertionsSigned?: boolean;
};

/** Validates a base64 SAMLResponse the way a service provider does; resolves with node-saml's profile. */
export async function validateWithNodeSaml(samlResponseBase64: string, sp: SpExpectations) {
  const saml = new SAML({
    idpCert: sp.idpCertPem,
    idpIssuer: sp.idpIssuer,
    issuer: sp.audience,
    audience: sp.audience,
    callbackUrl: sp.callbackUrl,
    wantAssertionsSigned: sp.wantAssertionsSigned ?? true,
    wantAuthnResponseSigned: sp.wantAuthnResponseSigned ?? false,
    validateInResponseTo: ValidateInResponseTo.never,
    acceptedClockSkewMs: 0,
  });
  const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: samlResponseBase64 });
  if (!profile) throw new Error('node-saml returned no profile');
  return profile;
}

/** xmllint --schema; throws with xmllint's complaint when the document is not schema-valid. */
export function validateAgainstXsd(xml: string, schema: 'protocol' | 'metadata'): void {
  const file = tempFile('document.xml', xml);
  execFileSync('xmllint', ['--noout', '--nonet', '--schema', path.join(XSD_DIR, `saml-schema-${schema}-2.0.xsd`), file], { stdio: 'pipe' });
}

/** A certificate as PEM, given as PEM or as the base64 DER that metadata carries. */
const toCertificatePem = (certificate: string) =>
  certificate.includes('-----BEGIN')
    ? certificate
    : `-----BEGIN CERTIFICATE-----\n${certificate.replace(/\s/g, '').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;

/** xmlsec1 --verify of the signature on the Assertion or on the Response; throws when it does not verify. */
export function verifyWithXmlsec1(xml: string, certificate: string, element: 'Assertion' | 'Response'): void {
  const file = tempFile('signed.xml', xml);
  const cert = tempFile('idp.pem', toCertificatePem(certificate));
  const signature =
    element === 'Response'
      ? "/*[local-name()='Response']/*[local-name()='Signature']"
      : "//*[local-name()='Assertion']/*[local-name()='Signature']";
  execFileSync(
    'xmlsec1',
    [
      '--verify',
      '--pubkey-cert-pem',
      cert,
      '--id-attr:ID',
      'urn:oasis:names:tc:SAML:2.0:protocol:Response',
      '--id-attr:ID',
      'urn:oasis:names:tc:SAML:2.0:assertion:Assertion',
      '--node-xpath',
      signature,
      file,
    ],
    { stdio: 'pipe' },
  );
}

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

// xml-crypto's types name the browser's DOM; at run time it works on xmldom's nodes (it parses with xmldom itself).
const forXmlCrypto = (node: XmldomNode) => node as unknown as globalThis.Element;

/** What xml-crypto's exclusive c14n makes of a signed element, its signature taken out (the enveloped transform). */
function canonicalWithoutSignature(signed: Element, signature: Element): string {
  const copy = signed.cloneNode(true) as Element;
  const copiedSignature = copy.childNodes[Array.from(signed.childNodes).indexOf(signature)];
  if (!copiedSignature) throw new Error('the signature is not a child of what it signs');
  copy.removeChild(copiedSignature);
  return new ExclusiveCanonicalization().process(forXmlCrypto(copy), {});
}

export type VerifiedSignature = { element: 'Assertion' | 'Response'; canonical: string };

/**
 * Checks every signature of a SAML Response with two verifiers that share no code with Realmgate: xml-crypto
 * (checkSignature, and the DigestValue compared with the SHA-256 of xml-crypto's own exclusive canonicalisation of
 * the signed element) and xmlsec1. Throws on the first failure; returns each signed element with xml-crypto's
 * canonical form, for byte comparisons. A document without any signature fails too.
 */
export function verifySignatures(xml: string, certificate: string): VerifiedSignature[] {
  const certPem = toCertificatePem(certificate);
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const signatures = Array.from(doc.getElementsByTagNameNS(DSIG, 'Signature'));
  if (signatures.length === 0) throw new Error('the document carries no signature');
  return signatures.map((signature) => {
    const signed = signature.parentNode as Element;
    const element = signed.localName;
    if (element !== 'Assertion' && element !== 'Response') throw new Error(`a signature on ${element}`);
    const uri = signature.getElementsByTagNameNS(DSIG, 'Reference')[0]?.getAttribute('URI');
    if (uri !== `#${signed.getAttribute('ID')}`) throw new Error(`the ${element} signature refers to ${uri}, not to its ${element}`);
    const checker = new SignedXml({ publicCert: certPem });
    checker.loadSignature(forXmlCrypto(signature));
    if (!checker.checkSignature(xml)) throw new Error(`xml-crypto refuses the ${element} signature`);
    const canonical = canonicalWithoutSignature(signed, signature);
    const digest = signature.getElementsByTagNameNS(DSIG, 'DigestValue')[0]?.textContent;
    if (digest !== sha256(canonical)) throw new Error(`the ${element} digest is not that of xml-crypto's canonical form:\n${canonical}`);
    verifyWithXmlsec1(xml, certPem, element);
    return { element, canonical };
  });
}
