import 'server-only';

import { type SigningCredentials, loadSigningCredentials } from '@/lib/certificates/store';
import { SamlError } from '@/lib/errors';
import { PROFILE_PROPERTY_OPTIONS, optionLabel } from '@/lib/realm/options';
import type { UserProfile } from '@/lib/directory';
import { type PostAuthenticationValues, type SamlAttributeValues, postAuthenticationSchema } from '@/lib/realm/schemas/post-authentication';
import { type SamlAttribute, buildResponse } from '@/lib/saml/response';
import { signResponse } from '@/lib/saml/sign';

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

/**
 * `*` and `?` wildcards over group names, case-insensitive (Group Filter Expression). A linear two-pointer
 * match rather than a regular expression: an admin's filter like `*a*a*a*b` must not backtrack for seconds.
 */
export function matchesGroupFilter(group: string, filter: string): boolean {
  const [text, pattern] = [group.toLowerCase(), filter.toLowerCase()];
  let [t, p, star, mark] = [0, 0, -1, 0];
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      t += 1;
      p += 1;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p;
      mark = t;
      p += 1;
    } else if (star !== -1) {
      p = star + 1;
      mark += 1;
      t = mark;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p += 1;
  return p === pattern.length;
}

function profileValue(profile: UserProfile, property: string): string {
  return property === 'authenticatedUserId' ? profile.username : (profile.properties[property] ?? '');
}

function toAttributes(config: PostAuthenticationValues, profile: UserProfile): SamlAttribute[] {
  return config.samlAttributes.flatMap((attribute) => {
    const values =
      attribute.value === 'groups'
        ? profile.groups.filter((group) => matchesGroupFilter(group, attribute.groupFilter || '*'))
        : [profileValue(profile, attribute.value)].filter(Boolean);
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

/** The realm's stored Post Authentication, checked again: a half-configured realm never issues an assertion. */
function checkedConfig(realm: SsoRealm): PostAuthenticationValues {
  const config = realm.postAuthentication;
  if (config.redirect !== 'saml-idp-initiated') {
    throw new SamlError(
      MISCONFIGURED,
      `realm ${realm.slug}: Authenticated User Redirect is "${config.redirect}", not SAML 2.0 (IdP Initiated)`,
    );
  }
  const parsed = postAuthenticationSchema.safeParse(config);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new SamlError(MISCONFIGURED, `realm ${realm.slug}: Post Authentication is not valid (${problems})`);
  }
  return parsed.data;
}

async function signingCredentials(realm: SsoRealm, config: PostAuthenticationValues, now: Date): Promise<SigningCredentials> {
  const credentials = await loadSigningCredentials(config.signingCertificateId || null);
  if (!credentials)
    throw new SamlError(MISCONFIGURED, `realm ${realm.slug}: no signing certificate (chosen: ${config.signingCertificateId || 'default'})`);
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
 * The signed SAML Response for a signed-in user, ready for the auto-POST page: built from the realm's Post
 * Authentication tab (DESIGN "SAML"). Throws SamlError, with a reason for the log, rather than ever sending
 * a half-built assertion.
 */
export async function buildSamlPost(realm: SsoRealm, profile: UserProfile, session: SsoSession, now: Date): Promise<SamlPost> {
  const config = checkedConfig(realm);
  const nameId = profileValue(profile, config.userIdMapping);
  if (!nameId) {
    const property = optionLabel(PROFILE_PROPERTY_OPTIONS, config.userIdMapping);
    throw new SamlError(
      `Your account has no ${property}, which this application needs to identify you. Please contact your administrator and quote the reference below.`,
      `realm ${realm.slug}: user ${profile.username} has no ${property} (User ID Mapping)`,
      403,
    );
  }
  const credentials = await signingCredentials(realm, config, now);
  const { xml } = buildResponse(
    {
      issuer: config.issuer,
      destination: config.consumerUrl,
      recipient: config.recipient || config.consumerUrl,
      audience: config.audience,
      nameId: config.encodeBase64 ? base64(nameId) : nameId,
      nameIdFormat: config.nameIdFormat,
      offsetMinutes: config.offsetMinutes,
      validHours: config.validHours,
      authnInstant: new Date(session.authenticatedAt),
      sessionIndex: session.sessionIndex,
      attributes: toAttributes(config, profile),
    },
    { now },
  );
  const signed = signResponse(xml, credentials, { signAssertion: config.signAssertion, signMessage: config.signMessage });
  return { action: config.consumerUrl, samlResponse: base64(signed), relayState: config.targetUrl || undefined };
}
