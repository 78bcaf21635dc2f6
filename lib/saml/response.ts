import { randomBytes } from 'node:crypto';

import { NS, type XmlObject, toSamlInstant, toXml } from './xml';

export type SamlAttribute = { name: string; friendlyName?: string; nameFormat: string; values: string[] };

/** Everything a Response carries, already resolved from the realm's Post Authentication tab and the user. */
export type ResponseInput = {
  issuer: string;
  /** The Consumer URL: the Response's Destination. */
  destination: string;
  recipient: string;
  audience: string;
  nameId: string;
  nameIdFormat: string;
  /** Offset Minutes and Valid Hours of the tab. */
  offsetMinutes: number;
  validHours: number;
  authnInstant: Date;
  sessionIndex: string;
  attributes: SamlAttribute[];
};

export type BuildOptions = { now?: Date; generateId?: () => string };

export type BuiltResponse = { xml: string; responseId: string; assertionId: string };

/** `_` and 20 random bytes in hex: an xs:ID (must not start with a digit) that cannot be guessed. */
export function generateSamlId(): string {
  return `_${randomBytes(20).toString('hex')}`;
}

const PASSWORD_PROTECTED_TRANSPORT = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const MINUTE = 60_000;
export const BEARER_MINUTES = 5;

function buildAttributeStatement(attributes: SamlAttribute[]): XmlObject | undefined {
  if (attributes.length === 0) return undefined;
  return {
    'saml:Attribute': attributes.map((attribute) => ({
      '@Name': attribute.name,
      ...(attribute.friendlyName ? { '@FriendlyName': attribute.friendlyName } : {}),
      '@NameFormat': attribute.nameFormat,
      'saml:AttributeValue': attribute.values.map((value) => ({ '@xsi:type': 'xs:string', '#': value })),
    })),
  };
}

/**
 * An unsigned IdP-initiated SAML 2.0 Response with one Assertion (DESIGN "SAML"): bearer subject confirmation
 * without InResponseTo, Conditions from Offset Minutes and Valid Hours, an AuthnStatement and the attributes.
 * Sign it with signResponse (sign.ts).
 */
export function buildResponse(input: ResponseInput, options: BuildOptions = {}): BuiltResponse {
  const now = options.now ?? new Date();
  const generateId = options.generateId ?? generateSamlId;
  const responseId = generateId();
  const assertionId = generateId();
  const issueInstant = toSamlInstant(now);
  const notBefore = toSamlInstant(new Date(now.getTime() - input.offsetMinutes * MINUTE));
  // SAML core §2.5.1.2: NotOnOrAfter is exclusive.
  const notOnOrAfter = toSamlInstant(new Date(now.getTime() + input.validHours * 60 * MINUTE));
  // The bearer may present the assertion only briefly (SAML profiles §4.1.4.2), whatever Valid Hours says:
  // the SP then needs to remember assertion IDs against replay for minutes, not hours.
  const confirmNotOnOrAfter = toSamlInstant(new Date(now.getTime() + BEARER_MINUTES * MINUTE));
  const attributeStatement = buildAttributeStatement(input.attributes);

  const assertion: XmlObject = {
    '@xmlns:saml': NS.assertion,
    '@xmlns:xs': NS.xs,
    '@xmlns:xsi': NS.xsi,
    '@ID': assertionId,
    '@Version': '2.0',
    '@IssueInstant': issueInstant,
    'saml:Issuer': input.issuer,
    'saml:Subject': {
      'saml:NameID': { '@Format': input.nameIdFormat, '#': input.nameId },
      'saml:SubjectConfirmation': {
        '@Method': BEARER,
        'saml:SubjectConfirmationData': { '@NotOnOrAfter': confirmNotOnOrAfter, '@Recipient': input.recipient },
      },
    },
    'saml:Conditions': {
      '@NotBefore': notBefore,
      '@NotOnOrAfter': notOnOrAfter,
      'saml:AudienceRestriction': { 'saml:Audience': input.audience },
    },
    'saml:AuthnStatement': {
      '@AuthnInstant': toSamlInstant(input.authnInstant),
      '@SessionIndex': input.sessionIndex,
      'saml:AuthnContext': { 'saml:AuthnContextClassRef': PASSWORD_PROTECTED_TRANSPORT },
    },
    ...(attributeStatement ? { 'saml:AttributeStatement': attributeStatement } : {}),
  };

  const xml = toXml({
    'samlp:Response': {
      '@xmlns:samlp': NS.protocol,
      '@xmlns:saml': NS.assertion,
      '@ID': responseId,
      '@Version': '2.0',
      '@IssueInstant': issueInstant,
      '@Destination': input.destination,
      'saml:Issuer': input.issuer,
      'samlp:Status': { 'samlp:StatusCode': { '@Value': SUCCESS } },
      'saml:Assertion': assertion,
    },
  });
  return { xml, responseId, assertionId };
}
