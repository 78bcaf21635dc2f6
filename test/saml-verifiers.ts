import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';

/**
 * Independent checks of the SAML Realmgate produces (DESIGN "SAML"): node-saml as a service provider,
 * xmllint against the OASIS schemas, xmlsec1 for the signatures. None of them shares code with lib/saml.
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
};

/** Validates a base64 SAMLResponse the way a service provider does; resolves with node-saml's profile. */
export async function validateWithNodeSaml(samlResponseBase64: string, sp: SpExpectations) {
  const saml = new SAML({
    idpCert: sp.idpCertPem,
    idpIssuer: sp.idpIssuer,
    issuer: sp.audience,
    audience: sp.audience,
    callbackUrl: sp.callbackUrl,
    wantAssertionsSigned: true,
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

/** xmlsec1 --verify of the signature on the Assertion or on the Response; throws when it does not verify. */
export function verifyWithXmlsec1(xml: string, certPem: string, element: 'Assertion' | 'Response'): void {
  const file = tempFile('signed.xml', xml);
  const cert = tempFile('idp.pem', certPem);
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
