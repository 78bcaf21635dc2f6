import 'server-only';

import { type SigningCredentials, loadSigningCredentials } from '@/lib/certificates/store';
import { isSwitchDue, resolveRealmCertificates } from '@/lib/realm/certificate-switch';
import { findUnsafeCharacter } from '@/lib/characters';
import { SamlError } from '@/lib/errors';
import { recordAssertion } from '@/lib/metrics';
import { ATTRIBUTE_VALUE_OPTIONS, PROFILE_PROPERTY_OPTIONS, optionLabel } from '@/lib/realm/options';
import type { UserProfile } from '@/lib/directory';
import type { PostAuthenticationValues, SamlAttributeValues } from '@/lib/realm/schemas/post-authentication';
import { type ErrorStatus, type SamlAttribute, buildResponse, buildStatusResponse } from '@/lib/saml/response';
import type { SpRequest } from '@/lib/workflow/sp-request';

import { checkedConfig } from './assertion-config';
import { matchesGroupFilter } from './group-filter';
import type { SsoRealm } from './realm';
import type { SsoSession } from './session';
import { MISCONFIGURED } from './messages';

export type SamlPost = { action: string; samlResponse: string; relayState?: string };

const ATTRNAME_FORMAT = 'urn:oasis:names:tc:SAML:2.0:attrname-format';
const NAME_FORMATS = Object.freeze({
  basic: `${ATTRNAME_FORMAT}:basic`,
  uri: `${ATTRNAME_FORMAT}:uri`,
  unspecified: `${ATTRNAME_FORMAT}:unspecified`,
  base64: `${ATTRNAME_FORMAT}:basic`,
  'group-list': `${ATTRNAME_FORMAT}:basic`,
} satisfies Record<SamlAttributeValues['format'], string>);

const base64 = (value: string) => Buffer.from(value, 'utf8').toString('base64');

function profileValue(profile: UserProfile, property: string): string {
  return property === 'authenticatedUserId' ? profile.username : (profile.properties[property] ?? '');
}

/**
 * The user's values of a property, checked before they are sent: a value XML cannot carry (stored before the
 * forms refused it, or from a directory that allows it) is the user's problem, shown as such, never a crash.
 */
function sendable(realm: SsoRealm, profile: UserProfile, property: string, values: string[]): string[] {
  const unsafe = values.map((value) => findUnsafeCharacter(value, { multiLine: true })).find(Boolean);
  if (!unsafe) return values;
  const label = optionLabel(ATTRIBUTE_VALUE_OPTIONS, property);
  throw new SamlError(
    `Your account's ${label} holds a character that this application cannot receive. Please contact your administrator and quote the reference below.`,
    // The user's id, not the username: the username itself may be the value that holds the character.
    `realm ${realm.slug}: user ${profile.userId}: ${label} holds an unsafe character (${unsafe.kind}, U+${unsafe.codePoint.toString(16).toUpperCase()})`,
    403,
  );
}

function toAttributes(realm: SsoRealm, config: PostAuthenticationValues, profile: UserProfile): SamlAttribute[] {
  return config.samlAttributes.flatMap((attribute) => {
    const values = sendable(
      realm,
      profile,
      attribute.value,
      attribute.value === 'groups'
        ? profile.groups.filter((group) => matchesGroupFilter(group, attribute.groupFilter || '*'))
        : [profileValue(profile, attribute.value)].filter(Boolean),
    );
    if (values.length === 0) return [];
    return [
      {
        name: attribute.namespace || attribute.name,
        friendlyName: attribute.namespace ? attribute.name : undefined,
        nameFormat: NAME_FORMATS[attribute.format],
        values: attribute.format === 'base64' ? values.map(base64) : values,
      },
    ];
  });
}

async function signingCredentials(realm: SsoRealm, config: PostAuthenticationValues, now: Date): Promise<SigningCredentials> {
  // A planned switch that is due happens here, where the key is needed (lib/realm/certificate-switch.ts). It moves
  // the realm's version on, so the next request loads the realm, and its new certificate, again (realm-cache.ts).
  const credentials = isSwitchDue(config, now)
    ? await loadSigningCredentials((await resolveRealmCertificates(realm.id, config, now)).current || null)
    : realm.signing;
  if (!credentials) {
    throw new SamlError(MISCONFIGURED, `realm ${realm.slug}: no signing certificate (chosen: ${config.signingCertificateId || 'default'})`);
  }
  if (credentials.notAfter.getTime() <= now.getTime()) {
    throw new SamlError(
      MISCONFIGURED,
      `realm ${realm.slug}: signing certificate ${credentials.serialHex} expired on ${credentials.notAfter.toISOString()}`,
    );
  }
  if (credentials.notBefore.getTime() > now.getTime()) {
    throw new SamlError(
      MISCONFIGURED,
      `realm ${realm.slug}: signing certificate ${credentials.serialHex} is not valid before ${credentials.notBefore.toISOString()}`,
    );
  }
  return credentials;
}

/**
 * Where the Response goes and what it answers. IdP-initiated: the Consumer URL, the Recipient, the Target URL as
 * RelayState. Answering an SP's request: its ACS (the Recipient too, when it is not the Consumer URL: SAML profiles
 * §4.1.4.2), its ID as InResponseTo, and its own RelayState back unchanged (none when it sent none).
 */
function addressing(config: PostAuthenticationValues, spRequest: SpRequest | undefined) {
  const recipient = config.recipient || config.consumerUrl;
  if (!spRequest) return { destination: config.consumerUrl, recipient, relayState: config.targetUrl || undefined };
  const recipientOfAcs = spRequest.acs === config.consumerUrl ? recipient : spRequest.acs;
  return { destination: spRequest.acs, recipient: recipientOfAcs, relayState: spRequest.relayState, inResponseTo: spRequest.id };
}

/**
 * The signed SAML Response for a signed-in user, ready for the auto-POST page: built from the realm's Post
 * Authentication tab (DESIGN "SAML"), in answer to `spRequest` when an SP asked. Throws SamlError, with a reason
 * for the log, rather than ever sending a half-built assertion.
 */
export async function buildSamlPost(
  realm: SsoRealm,
  profile: UserProfile,
  session: SsoSession,
  now: Date,
  spRequest?: SpRequest,
): Promise<SamlPost> {
  const config = checkedConfig(realm);
  const [nameId = ''] = sendable(realm, profile, config.userIdMapping, [profileValue(profile, config.userIdMapping)]);
  if (!nameId) {
    const property = optionLabel(PROFILE_PROPERTY_OPTIONS, config.userIdMapping);
    throw new SamlError(
      `Your account has no ${property}, which this application needs to identify you. Please contact your administrator and quote the reference below.`,
      `realm ${realm.slug}: user ${profile.username} has no ${property} (User ID Mapping)`,
      403,
    );
  }
  const credentials = await signingCredentials(realm, config, now);
  const started = process.hrtime.bigint();
  const { relayState, ...addressed } = addressing(config, spRequest);
  const { xml } = buildResponse(
    {
      ...addressed,
      issuer: config.issuer,
      audience: config.audience,
      nameId: config.encodeBase64 ? base64(nameId) : nameId,
      nameIdFormat: config.nameIdFormat,
      offsetMinutes: config.offsetMinutes,
      validHours: config.validHours,
      authnInstant: new Date(session.authenticatedAt),
      sessionIndex: session.sessionIndex,
      attributes: toAttributes(realm, config, profile),
    },
    { key: credentials, signAssertion: config.signAssertion, signMessage: config.signMessage },
    { now },
  );
  recordAssertion(realm.slug, Number(process.hrtime.bigint() - started) / 1e9);
  return { action: addressed.destination, samlResponse: base64(xml), relayState };
}

/** Where an error Response goes: a trusted ACS, the request it answers, and the SP's RelayState. */
export type ErrorTarget = { acs: string; inResponseTo: string; relayState?: string };

/** A signed Response without assertion that tells the SP why its request was not answered (SAML core §3.2.2.2). */
export async function buildErrorPost(realm: SsoRealm, target: ErrorTarget, status: ErrorStatus, now: Date): Promise<SamlPost> {
  const config = checkedConfig(realm);
  const credentials = await signingCredentials(realm, config, now);
  const addressed = { issuer: config.issuer, destination: target.acs, inResponseTo: target.inResponseTo, status };
  const xml = buildStatusResponse(addressed, credentials, { now });
  return { action: target.acs, samlResponse: base64(xml), relayState: target.relayState };
}
