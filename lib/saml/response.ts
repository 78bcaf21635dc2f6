import { randomBytes } from 'node:crypto';

import { type XmlElement, toXmlDocument } from './canonical-xml';
import { type SigningKey, signElement } from './sign';
import { toSamlInstant } from './xml';

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

function buildAttributeStatement(attributes: SamlAttribute[]): XmlElement[] {
  if (attributes.length === 0) return [];
  const toAttribute = (attribute: SamlAttribute): XmlElement => ({
    name: 'saml:Attribute',
    attributes: { Name: attribute.name, FriendlyName: attribute.friendlyName || undefined, NameFormat: attribute.nameFormat },
    children: attribute.values.map((value) => ({
      name: 'saml:AttributeValue',
      attributes: { 'xsi:type': 'xs:string' },
      children: [value],
    })),
  });
  return [{ name: 'saml:AttributeStatement', children: attributes.map(toAttribute) }];
}

const element = (name: string, attributes: Record<string, string | undefined>, ...children: (XmlElement | string)[]): XmlElement => ({
  name,
  attributes,
  children,
});

/** How the Response is signed: the Sign SAML Assertion and Sign SAML Message settings of the realm. */
export type ResponseSigning = { key: SigningKey; signAssertion: boolean; signMessage: boolean };

function buildAssertion(input: ResponseInput, assertionId: string, now: Date): XmlElement {
  const at = (offset: number) => toSamlInstant(new Date(now.getTime() + offset));
  const assertion = element(
    'saml:Assertion',
    { ID: assertionId, Version: '2.0', IssueInstant: at(0) },
    element('saml:Issuer', {}, input.issuer),
    element(
      'saml:Subject',
      {},
      element('saml:NameID', { Format: input.nameIdFormat }, input.nameId),
      element(
        'saml:SubjectConfirmation',
        { Method: BEARER },
        // The bearer may present the assertion only briefly (SAML profiles §4.1.4.2), whatever Valid Hours says:
        // the SP then needs to remember assertion IDs against replay for minutes, not hours.
        element('saml:SubjectConfirmationData', { NotOnOrAfter: at(BEARER_MINUTES * MINUTE), Recipient: input.recipient }),
      ),
    ),
    element(
      'saml:Conditions',
      // SAML core §2.5.1.2: NotOnOrAfter is exclusive.
      { NotBefore: at(-input.offsetMinutes * MINUTE), NotOnOrAfter: at(input.validHours * 60 * MINUTE) },
      element('saml:AudienceRestriction', {}, element('saml:Audience', {}, input.audience)),
    ),
    element(
      'saml:AuthnStatement',
      { AuthnInstant: toSamlInstant(input.authnInstant), SessionIndex: input.sessionIndex },
      element('saml:AuthnContext', {}, element('saml:AuthnContextClassRef', {}, PASSWORD_PROTECTED_TRANSPORT)),
    ),
    ...buildAttributeStatement(input.attributes),
  );
  return { ...assertion, documentPrefixes: ['xs'] };
}

/**
 * A signed IdP-initiated SAML 2.0 Response with one Assertion (DESIGN "SAML"): bearer subject confirmation
 * without InResponseTo, Conditions from Offset Minutes and Valid Hours, an AuthnStatement and the attributes.
 * The assertion is signed first, so that the message's signature covers the assertion's.
 */
export function buildResponse(input: ResponseInput, signing: ResponseSigning, options: BuildOptions = {}): BuiltResponse {
  const now = options.now ?? new Date();
  const generateId = options.generateId ?? generateSamlId;
  const responseId = generateId();
  const assertionId = generateId();
  const assertion = buildAssertion(input, assertionId, now);
  const response: XmlElement = {
    ...element(
      'samlp:Response',
      { ID: responseId, Version: '2.0', IssueInstant: toSamlInstant(now), Destination: input.destination },
      element('saml:Issuer', {}, input.issuer),
      element('samlp:Status', {}, element('samlp:StatusCode', { Value: SUCCESS })),
      signing.signAssertion ? signElement(assertion, signing.key) : assertion,
    ),
    // Declared once at the top of the document, as readers expect; exclusive c14n declares it where it is used.
    documentPrefixes: ['saml'],
  };
  const xml = toXmlDocument(signing.signMessage ? signElement(response, signing.key) : response);
  return { xml, responseId, assertionId };
}
