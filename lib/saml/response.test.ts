import { createPrivateKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { DOMParser } from '@xmldom/xmldom';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

import { HOSTILE_LINE_ENDS, HOSTILE_TEXT, HOSTILE_XML11_LINE_ENDS } from '@/test/hostile';
import { xmlText } from '@/test/xml-arbitraries';
import { type SpExpectations, validateAgainstXsd, validateWithNodeSaml, verifySignatures, verifyWithXmlsec1 } from '@/test/saml-verifiers';

import { buildIdpMetadata } from './metadata';
import { type ResponseInput, buildResponse } from './response';
import { NS } from './xml';
import { defined } from '@/test/defined';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '__fixtures__', name), 'utf8');
const CERT_PEM = fixture('test-idp-cert.pem');
const KEY = {
  privateKey: createPrivateKey(fixture('test-idp-key.pem')),
  certificateBase64: CERT_PEM.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, ''),
};

const ACS = 'https://us-api.mimecast.com/login/sso/mpp';
const NOW = new Date('2026-11-28T12:00:00Z');
const sequentialIds = () => {
  let n = 0;
  return () => `_fixed${++n}`;
};

const input: ResponseInput = {
  issuer: 'urn:realmgate:mimecast-personal-portal:test',
  destination: ACS,
  recipient: ACS,
  audience: 'us-api.mimecast.com.C0A0',
  nameId: 'jane.doe@example.com',
  nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
  offsetMinutes: 5,
  validHours: 1,
  authnInstant: new Date('2026-11-28T11:59:30Z'),
  sessionIndex: '_session1',
  attributes: [
    {
      name: 'urn:oid:0.9.2342.19200300.100.1.3',
      friendlyName: 'mail',
      nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri',
      values: ['jane@example.com'],
    },
    { name: 'groups', nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic', values: ['Finance', 'Staff'] },
  ],
};

/** One element per line, so golden files diff line by line. */
const lines = (xml: string) => xml.replace(/></g, '>\n<').replace(/(<([\w:]+)[^>]*>)\n(<\/\2>)/g, '$1$3');

function expectGolden(name: string, xml: string) {
  const file = path.join(import.meta.dirname, '__fixtures__', name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, `${lines(xml)}\n`);
  expect(`${lines(xml)}\n`.split('\n')).toEqual(readFileSync(file, 'utf8').split('\n'));
}

const build = (values: ResponseInput, options: { signAssertion: boolean; signMessage: boolean }) =>
  buildResponse(values, { key: KEY, ...options }, { now: NOW, generateId: sequentialIds() }).xml;

/** A signed Response; every one these tests make has each signature checked by xml-crypto and xmlsec1. */
function signed(values: ResponseInput = input, options = { signAssertion: true, signMessage: true }): string {
  const xml = build(values, options);
  const elements = verifySignatures(xml, CERT_PEM).map(({ element }) => element);
  expect(elements).toEqual([...(options.signMessage ? ['Response'] : []), ...(options.signAssertion ? ['Assertion'] : [])]);
  return xml;
}

const base64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');

const sp: SpExpectations = { idpCertPem: CERT_PEM, idpIssuer: input.issuer, audience: input.audience, callbackUrl: ACS };

describe('SAML Response', () => {
  test('matches the golden file, unsigned', () => {
    expectGolden('response-unsigned.xml', build(input, { signAssertion: false, signMessage: false }));
  });

  test('matches the golden file, signed (assertion and message)', () => {
    expectGolden('response-signed.xml', signed());
  });

  test('carries every element and attribute from the tab values', () => {
    const doc = new DOMParser().parseFromString(signed(), 'text/xml');
    const one = (ns: string, name: string) => {
      const found = doc.getElementsByTagNameNS(ns, name);
      expect(found.length).toBeGreaterThan(0);
      return defined(found[0], name);
    };
    const response = defined(doc.documentElement);
    expect(response.localName).toBe('Response');
    expect(response.getAttribute('ID')).toBe('_fixed1');
    expect(response.getAttribute('Version')).toBe('2.0');
    expect(response.getAttribute('IssueInstant')).toBe('2026-11-28T12:00:00Z');
    expect(response.getAttribute('Destination')).toBe(ACS);
    expect(one(NS.protocol, 'StatusCode').getAttribute('Value')).toBe('urn:oasis:names:tc:SAML:2.0:status:Success');
    const assertion = one(NS.assertion, 'Assertion');
    expect(assertion.getAttribute('ID')).toBe('_fixed2');
    expect(doc.getElementsByTagNameNS(NS.assertion, 'Issuer')).toHaveLength(2);
    const nameId = one(NS.assertion, 'NameID');
    expect(nameId.textContent).toBe('jane.doe@example.com');
    expect(nameId.getAttribute('Format')).toBe(input.nameIdFormat);
    expect(one(NS.assertion, 'SubjectConfirmation').getAttribute('Method')).toBe('urn:oasis:names:tc:SAML:2.0:cm:bearer');
    const confirmation = one(NS.assertion, 'SubjectConfirmationData');
    expect(confirmation.getAttribute('Recipient')).toBe(ACS);
    expect(confirmation.getAttribute('NotOnOrAfter')).toBe('2026-11-28T12:10:00Z'); // 5 minutes + Offset Minutes 5
    expect(confirmation.hasAttribute('InResponseTo')).toBe(false);
    const conditions = one(NS.assertion, 'Conditions');
    expect(conditions.getAttribute('NotBefore')).toBe('2026-11-28T11:55:00Z');
    expect(conditions.getAttribute('NotOnOrAfter')).toBe('2026-11-28T13:00:00Z');
    expect(one(NS.assertion, 'Audience').textContent).toBe('us-api.mimecast.com.C0A0');
    const authn = one(NS.assertion, 'AuthnStatement');
    expect(authn.getAttribute('AuthnInstant')).toBe('2026-11-28T11:59:30Z');
    expect(authn.getAttribute('SessionIndex')).toBe('_session1');
    expect(one(NS.assertion, 'AuthnContextClassRef').textContent).toBe('urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport');
    const attributes = doc.getElementsByTagNameNS(NS.assertion, 'Attribute');
    expect(attributes).toHaveLength(2);
    expect(defined(attributes[1]).getElementsByTagNameNS(NS.assertion, 'AttributeValue')).toHaveLength(2);
    // The signatures sit right after each Issuer (SAML core §5.4.1).
    expect(response.getElementsByTagNameNS(NS.dsig, 'Signature')[0]?.previousSibling?.localName).toBe('Issuer');
    expect(assertion.getElementsByTagNameNS(NS.dsig, 'Signature')[0]?.previousSibling?.localName).toBe('Issuer');
  });

  test('is accepted by node-saml as a service provider, with the tab values in its profile', async () => {
    const profile = await validateWithNodeSamlAt(signed(), NOW);
    expect(profile.nameID).toBe('jane.doe@example.com');
    expect(profile.nameIDFormat).toBe(input.nameIdFormat);
    expect(profile.issuer).toBe(input.issuer);
    expect(profile['urn:oid:0.9.2342.19200300.100.1.3']).toBe('jane@example.com');
    expect(profile.groups).toEqual(['Finance', 'Staff']);
  });

  test('is accepted by node-saml configured from our metadata (certificate, entity id)', async () => {
    const metadata = new DOMParser().parseFromString(
      buildIdpMetadata({
        entityId: input.issuer,
        ssoUrl: 'https://idp.example.com/sso/mpp',
        certificatesBase64: [KEY.certificateBase64],
        nameIdFormats: [input.nameIdFormat],
        wantAuthnRequestsSigned: false,
      }),
      'text/xml',
    );
    const entityId = defined(metadata.documentElement).getAttribute('entityID') ?? '';
    const cert = metadata.getElementsByTagNameNS(NS.dsig, 'X509Certificate')[0]?.textContent ?? '';
    const profile = await validateWithNodeSamlAt(signed(), NOW, { idpIssuer: entityId, idpCertPem: cert, wantAuthnResponseSigned: true });
    expect(profile.nameID).toBe(input.nameId);
  });

  test('is valid against the OASIS protocol schema', () => {
    expect(() => validateAgainstXsd(signed(), 'protocol')).not.toThrow();
  });

  test.each(['Assertion', 'Response'] as const)('has a %s signature that xmlsec1 verifies', (element) => {
    expect(() => verifyWithXmlsec1(signed(), CERT_PEM, element)).not.toThrow();
  });

  test('signs only the assertion when Sign SAML Message is False', async () => {
    const xml = signed(input, { signAssertion: true, signMessage: false });
    expect(() => verifyWithXmlsec1(xml, CERT_PEM, 'Assertion')).not.toThrow();
    expect(() => verifyWithXmlsec1(xml, CERT_PEM, 'Response')).toThrow();
    await expect(validateWithNodeSamlAt(xml, NOW)).resolves.toMatchObject({ nameID: input.nameId });
  });

  test('signs only the message when Sign SAML Assertion is False', async () => {
    const xml = signed(input, { signAssertion: false, signMessage: true });
    expect(() => verifyWithXmlsec1(xml, CERT_PEM, 'Response')).not.toThrow();
    expect(() => verifyWithXmlsec1(xml, CERT_PEM, 'Assertion')).toThrow();
    await expect(validateWithNodeSamlAt(xml, NOW, { wantAuthnResponseSigned: true, wantAssertionsSigned: false })).resolves.toMatchObject({
      nameID: input.nameId,
    });
  });

  test.each([...HOSTILE_TEXT, ...HOSTILE_LINE_ENDS])(
    'carries %s exactly in NameID, Issuer and attribute values, and the signatures still verify',
    async (_case, hostile) => {
      const values = {
        ...input,
        nameId: hostile,
        issuer: `urn:${hostile}`,
        attributes: [{ name: 'x', nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic', values: [hostile] }],
      };
      const xml = signed(values);
      const profile = await validateWithNodeSamlAt(xml, NOW, { idpIssuer: values.issuer });
      expect(profile.nameID).toBe(hostile);
      expect(profile.x).toBe(hostile);
      expect(profile.issuer).toBe(values.issuer);
      expect(() => verifyWithXmlsec1(xml, CERT_PEM, 'Assertion')).not.toThrow();
      expect(() => verifyWithXmlsec1(xml, CERT_PEM, 'Response')).not.toThrow();
      expect(() => validateAgainstXsd(xml, 'protocol')).not.toThrow();
    },
  );

  test('carries random Unicode values exactly; every signature verifies and the schema holds', async () => {
    // node-saml reads the canonical form again, where NEL, LS and PS are raw; its parser takes NEL and LS for LF
    // (XML 1.1 §2.11), PS it keeps. The forms refuse all three (lib/characters.ts).
    const readByNodeSaml = (value: string) => value.replace(/[\u0085\u2028]/g, '\n');
    // node-saml (xml2js) drops a text of white space only: such a value could not be compared.
    const shown = xmlText.filter((value) => readByNodeSaml(value).trim() !== '');
    await fc.assert(
      fc.asyncProperty(shown, shown, async (value, other) => {
        const values = {
          ...input,
          nameId: value,
          issuer: `urn:${value}`,
          attributes: [
            { name: 'x', friendlyName: other, nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic', values: [value, other] },
          ],
        };
        const xml = signed(values);
        expect(() => validateAgainstXsd(xml, 'protocol')).not.toThrow();
        const profile = await validateWithNodeSamlAt(xml, NOW, { idpIssuer: readByNodeSaml(values.issuer) });
        expect(profile.nameID).toBe(readByNodeSaml(value));
        expect(profile.x).toEqual([value, other].map(readByNodeSaml));
      }),
      { numRuns: 40 },
    );
  }, 120_000); // each run starts xmlsec1 twice and xmllint once

  test.each(HOSTILE_XML11_LINE_ENDS)('carries %s as references that survive parsing; both signatures verify', async (_case, hostile) => {
    const values = {
      ...input,
      nameId: hostile,
      attributes: [{ name: 'x', nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic', values: [hostile] }],
    };
    const xml = signed(values);
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    expect(doc.getElementsByTagNameNS(NS.assertion, 'NameID')[0]?.textContent).toBe(hostile);
    expect(doc.getElementsByTagNameNS(NS.assertion, 'AttributeValue')[0]?.textContent).toBe(hostile);
    expect(() => verifyWithXmlsec1(xml, CERT_PEM, 'Assertion')).not.toThrow();
    expect(() => verifyWithXmlsec1(xml, CERT_PEM, 'Response')).not.toThrow();
    // node-saml accepts the signatures, though it reads these characters as LF (see HOSTILE_XML11_LINE_ENDS).
    await expect(validateWithNodeSamlAt(xml, NOW)).resolves.toMatchObject({ issuer: input.issuer });
  });

  test.each(HOSTILE_TEXT.filter(([, hostile]) => /[<&]/.test(hostile)))('never puts %s into the document unescaped', (_case, hostile) => {
    expect(signed({ ...input, nameId: hostile })).not.toContain(hostile);
  });

  test('tampering with the NameID after signing is caught by node-saml and xmlsec1', async () => {
    const tampered = signed().replace('jane.doe@example.com', 'attacker@example.com');
    expect(tampered).toContain('attacker@example.com');
    await expect(validateWithNodeSamlAt(tampered, NOW)).rejects.toThrow(/signature/i);
    expect(() => verifyWithXmlsec1(tampered, CERT_PEM, 'Assertion')).toThrow();
    expect(() => verifyWithXmlsec1(tampered, CERT_PEM, 'Response')).toThrow();
  });

  test('a signature by another key is refused', async () => {
    const otherCert = (await import('@/lib/crypto/certificates')).generateCertificate({
      commonName: 'other',
      bits: 2048,
      years: 1,
    }).certPem;
    await expect(validateWithNodeSamlAt(signed(), NOW, { idpCertPem: otherCert })).rejects.toThrow(/signature/i);
  });

  test('node-saml refuses it after NotOnOrAfter and before NotBefore', async () => {
    await expect(validateWithNodeSamlAt(signed(), new Date('2026-11-28T13:00:00Z'))).rejects.toThrow(/expired|NotOnOrAfter/i);
    await expect(validateWithNodeSamlAt(signed(), new Date('2026-11-28T11:54:59Z'))).rejects.toThrow(/not yet valid|NotBefore/i);
  });
});

describe('IdP metadata', () => {
  const xml = buildIdpMetadata({
    entityId: input.issuer,
    ssoUrl: 'https://idp.example.com/sso/mimecast-personal-portal',
    certificatesBase64: [KEY.certificateBase64],
    nameIdFormats: [input.nameIdFormat],
    wantAuthnRequestsSigned: false,
  });

  test('matches the golden file', () => {
    expectGolden('metadata.xml', xml);
  });

  test('is valid against the OASIS metadata schema', () => {
    expect(() => validateAgainstXsd(xml, 'metadata')).not.toThrow();
  });
});

/** node-saml checks time against the real clock; pin it to the instant under test. */
async function validateWithNodeSamlAt(xml: string, at: Date, overrides: Partial<typeof sp> = {}) {
  const { vi } = await import('vitest');
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
  try {
    return await validateWithNodeSaml(base64(xml), { ...sp, ...overrides });
  } finally {
    vi.useRealTimers();
  }
}
