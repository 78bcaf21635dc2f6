import { z } from 'zod';

import type { RealmPostAuth, RealmSamlAttribute } from '@/lib/generated/prisma/client';
import {
  ATTRIBUTE_FORMAT_OPTIONS,
  ATTRIBUTE_VALUE_OPTIONS,
  MAX_SAML_ATTRIBUTES,
  NAME_ID_FORMAT_OPTIONS,
  REDIRECT_OPTIONS,
  SIGNING_ALGORITHM_OPTIONS,
  USER_ID_MAPPING_OPTIONS,
  isSamlRedirect,
} from '@/lib/realm/options';

import {
  HTTPS_URL_MESSAGE,
  PEM_CERTIFICATES,
  RECORD_ID,
  booleanSchema,
  integerSchema,
  lineSchema,
  optionSchema,
  optionalDomainSchema,
  optionalHttpsUrlSchema,
  parseHttpsUrl,
  pickFormKeys,
  textSchema,
} from './fields';

/** A placeholder such as `<ACCOUNT_CODE>` left in a value copied from an integration guide. */
export const PLACEHOLDER = /<[^<>]*>/;

/** The sign-in form's CSRF cookie (lib/sso/endpoint.ts), on the same path as every realm's SSO cookie. */
export const SIGN_IN_CSRF_COOKIE = 'realmgate_csrf';
/** The sign-in in progress (lib/workflow), on the same path. */
export const SIGN_IN_TRANSACTION_COOKIE = 'realmgate_signin';
/** Remember User Selection: the second factor last used on this device, on the same path. */
export const REMEMBERED_METHOD_COOKIE = 'realmgate_method';
/** The sign-in pages' own cookies: an SSO cookie of the same name would overwrite one of them. */
const SIGN_IN_OWN_COOKIES: readonly string[] = [SIGN_IN_CSRF_COOKIE, SIGN_IN_TRANSACTION_COOKIE, REMEMBERED_METHOD_COOKIE];

/** SAML bindings §3.5.3: RelayState "MUST NOT exceed 80 bytes in length". */
export const MAX_RELAY_STATE_BYTES = 80;

const utf8Bytes = (value: string) => new TextEncoder().encode(value).length;

/** Whether a RelayState (the Target URL, an SP's own) fits SAML's limit (bindings §3.4.3). */
export const fitsRelayState = (value: string) => utf8Bytes(value) <= MAX_RELAY_STATE_BYTES;

/** Allowed ACS URLs: a short list, one https URL a line. */
export const MAX_ALLOWED_ACS_URLS = 10;

/** The lines of Allowed ACS URLs, blank ones left out. */
export const acsUrlLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

// Each line stored as WHATWG URL serialises it, as the Consumer URL is: an SP's ACS URL is compared with it as a string.
const allowedAcsUrlsSchema = textSchema(MAX_ALLOWED_ACS_URLS * 2049)
  .refine((text) => acsUrlLines(text).length <= MAX_ALLOWED_ACS_URLS, { error: `List at most ${MAX_ALLOWED_ACS_URLS} ACS URLs` })
  .refine((text) => acsUrlLines(text).every((line) => parseHttpsUrl(line) !== null), {
    error: `Put one absolute https:// URL on each line, e.g. https://sp.example.com/acs`,
  })
  .overwrite((text) =>
    acsUrlLines(text)
      .map((line) => parseHttpsUrl(line)?.href ?? line)
      .join('\n'),
  );

/** The redirects whose SP starts the sign-in: a visit without a request goes on to the SP Start URL. */
export const SP_INITIATED_REDIRECTS: readonly string[] = ['saml-sp-initiated', 'saml-sp-initiated-post'];

/** RFC 6265 cookie-name token. */
const COOKIE_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

// Required-ness lives in the tab's superRefine: hidden sections (no SAML redirect) must never block a save.
const samlAttributeSchema = z.object({
  name: lineSchema(256),
  namespace: lineSchema(1024),
  format: optionSchema(ATTRIBUTE_FORMAT_OPTIONS, 'a format'),
  value: optionSchema(ATTRIBUTE_VALUE_OPTIONS, 'a profile property'),
  groupFilter: lineSchema(256),
});

export const postAuthenticationSchema = z
  .object({
    redirect: optionSchema(REDIRECT_OPTIONS, 'a redirect'),
    userIdMapping: optionSchema(USER_ID_MAPPING_OPTIONS, 'a profile property'),
    nameIdFormat: optionSchema(NAME_ID_FORMAT_OPTIONS, 'a Name ID format'),
    encodeBase64: booleanSchema(),
    // Sent as RelayState: measured in bytes once normalised, as the service provider receives it.
    targetUrl: optionalHttpsUrlSchema().refine(fitsRelayState, {
      error: (issue) =>
        `SAML limits the Target URL (sent as RelayState) to ${MAX_RELAY_STATE_BYTES} bytes; this one has ${utf8Bytes(String(issue.input))}`,
    }),
    consumerUrl: optionalHttpsUrlSchema(),
    issuer: lineSchema(1024),
    recipient: optionalHttpsUrlSchema(),
    audience: lineSchema(1024),
    spStartUrl: optionalHttpsUrlSchema(),
    spEntityId: lineSchema(1024),
    allowedAcsUrls: allowedAcsUrlsSchema,
    requireSignedAuthn: booleanSchema(),
    spCertificate: textSchema(20_000),
    offsetMinutes: integerSchema(0, 60),
    validHours: integerSchema(1, 24),
    signAssertion: booleanSchema(),
    signMessage: booleanSchema(),
    signingAlgorithm: optionSchema(SIGNING_ALGORITHM_OPTIONS, 'a signing algorithm'),
    // The chosen certificate's id; '' signs with the installation's default certificate.
    signingCertificateId: z
      .string()
      .refine((value) => value === '' || RECORD_ID.test(value), { error: 'Choose a certificate from the list' }),
    // Rollover: the certificate that takes over at Switch At (UTC, YYYY-MM-DDTHH:mm); '' and '': none planned.
    nextCertificateId: z.string().refine((value) => value === '' || RECORD_ID.test(value), { error: 'Choose a certificate from the list' }),
    switchAt: z.string().refine((value) => value === '' || parseSwitchAt(value) !== null, {
      error: 'Enter the date and time of the switch in UTC, e.g. 2027-01-31T09:00',
    }),
    encryptAssertion: z.literal(false, { error: 'Encrypting the assertion is not available in Realmgate yet' }),
    metadataDomain: optionalDomainSchema('idp.example.com'),
    samlAttributes: z.array(samlAttributeSchema).max(MAX_SAML_ATTRIBUTES, { error: `Use at most ${MAX_SAML_ATTRIBUTES} attributes` }),
    cookieName: lineSchema(128)
      .regex(COOKIE_NAME, { error: "Use letters, digits and !#$%&'*+-.^_`|~ only (a cookie name has no spaces, commas or semicolons)" })
      .superRefine((name, ctx) => {
        if (SIGN_IN_OWN_COOKIES.includes(name))
          ctx.addIssue({ code: 'custom', message: `${name} is the sign-in page's own cookie: choose another name` });
      }),
    cookieRequireSsl: booleanSchema(),
    slidingExpiration: booleanSchema(),
    timeoutMinutes: integerSchema(5, 1440),
    persistentCookie: booleanSchema(),
  })
  .superRefine((values, ctx) => {
    const issue = (field: keyof typeof values, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    checkRollover(values, issue);
    if (!isSamlRedirect(values.redirect)) return;
    if (parseHttpsUrl(values.consumerUrl) === null) issue('consumerUrl', `The SAML Consumer URL is required. ${HTTPS_URL_MESSAGE}`);
    if (values.issuer === '') issue('issuer', 'Enter the Issuer: a unique name the service provider expects exactly');
    // SAML profiles §4.1.4.2: a bearer assertion names the service provider it is for.
    if (values.audience === '') issue('audience', "Enter the SAML Audience: the service provider's entity ID");
    if (PLACEHOLDER.test(values.audience)) {
      const placeholder = PLACEHOLDER.exec(values.audience)?.[0] ?? '';
      issue(
        'audience',
        placeholder === '<ACCOUNT_CODE>'
          ? 'Replace <ACCOUNT_CODE> with your Mimecast account code (provided by Mimecast), e.g. us-api.mimecast.com.C0A0'
          : `Replace the placeholder ${placeholder} with the real value`,
      );
    }
    if (SP_INITIATED_REDIRECTS.includes(values.redirect) && parseHttpsUrl(values.spStartUrl) === null) {
      issue(
        'spStartUrl',
        `Enter the SP Start URL: where users who open this realm's URL start the service provider's sign-in. ${HTTPS_URL_MESSAGE}`,
      );
    }
    if (values.spCertificate !== '' && !PEM_CERTIFICATES.test(values.spCertificate)) {
      issue(
        'spCertificate',
        "Paste the service provider's signing certificate in PEM: -----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----",
      );
    }
    if (values.requireSignedAuthn && values.spCertificate === '') {
      issue('spCertificate', "Paste the service provider's signing certificate: signed AuthnRequests are checked with it");
    }
    if (!values.signAssertion && !values.signMessage) {
      issue('signAssertion', 'Sign the assertion, the message or both: an unsigned response can be forged by anyone');
    }
    values.samlAttributes.forEach((attribute, index) => {
      const at = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: ['samlAttributes', index, field], message });
      if (attribute.name === '') at('name', 'Enter the attribute name');
      if (attribute.format === 'group-list' && attribute.groupFilter === '') at('groupFilter', 'Enter a filter; * matches every group');
      if (attribute.format === 'group-list' && attribute.value !== 'groups')
        at('value', "A Group List sends the user's groups: choose Groups");
    });
  });

export type PostAuthenticationValues = z.infer<typeof postAuthenticationSchema>;

/** Switch At as the form writes it (a UTC minute, datetime-local's format), or null. */
export function parseSwitchAt(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const date = new Date(`${value}:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 16) !== value ? null : date;
}

export function formatSwitchAt(date: Date): string {
  return date.toISOString().slice(0, 16);
}

type RolloverFields = Pick<PostAuthenticationValues, 'nextCertificateId' | 'switchAt' | 'signingCertificateId'>;

/** A next certificate needs its switch time and the other way round; it must differ from the current one. */
function checkRollover(values: RolloverFields, issue: (field: keyof RolloverFields, message: string) => void) {
  if (values.nextCertificateId && !values.switchAt) issue('switchAt', 'Enter when the next certificate takes over (UTC)');
  if (values.switchAt && !values.nextCertificateId) issue('nextCertificateId', 'Choose the next certificate, or clear Switch At');
  if (values.nextCertificateId && values.nextCertificateId === values.signingCertificateId) {
    issue('nextCertificateId', 'The realm signs with this certificate already: choose another one');
  }
}
export type SamlAttributeValues = z.infer<typeof samlAttributeSchema>;

export function defaultCookieName(slug: string): string {
  return `realmgate_${slug}`;
}

export function defaultSamlAttribute(): SamlAttributeValues {
  return { name: '', namespace: '', format: 'basic', value: 'email1', groupFilter: '*' };
}

export function defaultPostAuthenticationValues(realm: { slug: string }): PostAuthenticationValues {
  return {
    redirect: 'none',
    userIdMapping: 'authenticatedUserId',
    nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
    encodeBase64: false,
    targetUrl: '',
    consumerUrl: '',
    issuer: '',
    recipient: '',
    audience: '',
    spStartUrl: '',
    spEntityId: '',
    allowedAcsUrls: '',
    requireSignedAuthn: false,
    spCertificate: '',
    offsetMinutes: 5,
    validHours: 1,
    signAssertion: true,
    signMessage: true,
    signingAlgorithm: 'sha256',
    signingCertificateId: '',
    nextCertificateId: '',
    switchAt: '',
    encryptAssertion: false,
    metadataDomain: '',
    samlAttributes: [],
    cookieName: defaultCookieName(realm.slug),
    cookieRequireSsl: true,
    slidingExpiration: true,
    timeoutMinutes: 60,
    persistentCookie: false,
  };
}

type PostAuthRow = Omit<RealmPostAuth, 'realmId' | 'version'>;
type SamlAttributeRow = Omit<RealmSamlAttribute, 'id' | 'realmId'>;

export function toPostAuthenticationValues(row: Omit<RealmPostAuth, 'version'>, attributes: SamlAttributeRow[]): PostAuthenticationValues {
  const special = ['samlAttributes', 'encryptAssertion', 'signingCertificateId', 'nextCertificateId', 'switchAt'] as const;
  return {
    ...pickFormKeys<Omit<PostAuthenticationValues, (typeof special)[number]>>(row, postAuthenticationSchema, special),
    signingCertificateId: row.signingCertificateId ?? '',
    nextCertificateId: row.nextCertificateId ?? '',
    switchAt: row.switchAt ? formatSwitchAt(row.switchAt) : '',
    encryptAssertion: false,
    samlAttributes: [...attributes]
      .sort((a, b) => a.position - b.position)
      .map(({ name, namespace, format, value, groupFilter }) => ({ name, namespace, format, value, groupFilter }) as SamlAttributeValues),
  };
}

export function fromPostAuthenticationValues(values: PostAuthenticationValues): {
  row: PostAuthRow;
  samlAttributes: SamlAttributeRow[];
} {
  const { samlAttributes, signingCertificateId, nextCertificateId, switchAt, ...rest } = values;
  return {
    row: {
      ...rest,
      signingCertificateId: signingCertificateId || null,
      nextCertificateId: nextCertificateId || null,
      switchAt: parseSwitchAt(switchAt),
    },
    samlAttributes: samlAttributes.map((attribute, position) => ({ ...attribute, position })),
  };
}
