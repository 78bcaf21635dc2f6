import { randomString } from '@/lib/crypto/random';

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
  /** The ID of the SP's AuthnRequest this answers; absent for an IdP-initiated (unsolicited) response. */
  inResponseTo?: string;
};

export type BuildOptions = { now?: Date; generateId?: () => string };

export type BuiltResponse = { xml: string; responseId: string; assertionId: string };

/** `_` and 20 random bytes in hex: an xs:ID (must not start with a digit) that cannot be guessed. */
export function generateSamlId(): string {
  return `_${randomString(20, 'hex')}`;
}

const PASSWORD_PROTECTED_TRANSPORT = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const STATUS = 'urn:oasis:names:tc:SAML:2.0:status';
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
  return element(
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
        // the SP then needs to remember assertion IDs against replay for minutes, not hours. Offset Minutes widens
        // it as it widens NotBefore, so an SP whose clock runs ahead by up to the offset still accepts it.
        element('saml:SubjectConfirmationData', {
          InResponseTo: input.inResponseTo,
          NotOnOrAfter: at((BEARER_MINUTES + input.offsetMinutes) * MINUTE),
          Recipient: input.recipient,
        }),
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
}

type Addressed = { issuer: string; destination: string; inResponseTo?: string };

/** A samlp:Response to `input.destination`: its Issuer, its Status, then what it carries (an assertion), if anything. */
function responseElement(id: string, now: Date, input: Addressed, status: XmlElement, ...content: XmlElement[]): XmlElement {
  return element(
    'samlp:Response',
    { ID: id, Version: '2.0', IssueInstant: toSamlInstant(now), Destination: input.destination, InResponseTo: input.inResponseTo },
    element('saml:Issuer', {}, input.issuer),
    status,
    ...content,
  );
}

/**
 * A signed SAML 2.0 Response with one Assertion (DESIGN "SAML"): bearer subject confirmation (with InResponseTo
 * when it answers an AuthnRequest), Conditions from Offset Minutes and Valid Hours, an AuthnStatement and the
 * attributes. The assertion is signed first, so that the message's signature covers the assertion's.
 */
export function buildResponse(input: ResponseInput, signing: ResponseSigning, options: BuildOptions = {}): BuiltResponse {
  const now = options.now ?? new Date();
  const generateId = options.generateId ?? generateSamlId;
  const responseId = generateId();
  const assertionId = generateId();
  const assertion = buildAssertion(input, assertionId, now);
  const response = responseElement(
    responseId,
    now,
    input,
    element('samlp:Status', {}, element('samlp:StatusCode', { Value: `${STATUS}:Success` })),
    signing.signAssertion ? signElement(assertion, signing.key) : assertion,
  );
  // xs: only a value uses it (xsi:type="xs:string"), so nothing signed declares it; the document does, for parsers
  // that resolve such values.
  const xml = toXmlDocument(signing.signMessage ? signElement(response, signing.key) : response, ['xs']);
  return { xml, responseId, assertionId };
}

/** A top-level status code and, optionally, the second-level one that says why (SAML core §3.2.2.2). */
export type ErrorStatus = {
  code: 'Requester' | 'Responder';
  subCode?: 'NoPassive' | 'RequestUnsupported' | 'UnsupportedBinding';
  message: string;
};

export type StatusResponseInput = { issuer: string; destination: string; inResponseTo: string; status: ErrorStatus };

/**
 * A Response without an assertion, telling the SP why its AuthnRequest cannot be answered (SAML core §3.2.2). It is
 * always signed: it names the request it answers, and an SP should be able to trust that it came from us.
 */
export function buildStatusResponse(input: StatusResponseInput, key: SigningKey, options: BuildOptions = {}): string {
  const now = options.now ?? new Date();
  const responseId = (options.generateId ?? generateSamlId)();
  const { code, subCode, message } = input.status;
  const statusCode = subCode
    ? element('samlp:StatusCode', { Value: `${STATUS}:${code}` }, element('samlp:StatusCode', { Value: `${STATUS}:${subCode}` }))
    : element('samlp:StatusCode', { Value: `${STATUS}:${code}` });
  const status = element('samlp:Status', {}, statusCode, element('samlp:StatusMessage', {}, message));
  const response = responseElement(responseId, now, input, status);
  return toXmlDocument(signElement(response, key));
}
