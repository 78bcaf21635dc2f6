import 'server-only';

import { type SigningCredentials, loadSigningCredentials } from '@/lib/certificates/store';
import { SamlError } from '@/lib/errors';
import { PROFILE_PROPERTY_OPTIONS, optionLabel } from '@/lib/realm/options';
import { type PostAuthenticationValues, postAuthenticationSchema } from '@/lib/realm/schemas/post-authentication';
import { type SamlAttribute, buildResponse } from '@/lib/saml/response';
import { signResponse } from '@/lib/saml/sign';

import type { SsoRealm } from './realm';
import type { SsoSession } from './session';
import { MISCONFIGURED } from './sign-in';

export type SamlPost = { action: string; samlResponse: string; relayState?: string };

const NAME_FORMATS: Record<string, string> = {
  basic: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic',
  uri: 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri',
  unspecified: 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified',
  base64: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic',
  'group-list': 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic',
};

const base64 = (value: string) => Buffer.from(value, 'utf8').toString('base64');

/** `*` and `?` wildcards over group names, case-insensitive (Group Filter Expression). */
export function matchesGroupFilter(group: string, filter: string): boolean {
  const pattern = filter.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^(?:${pattern})$`, 'i').test(group);
}

function profileValue(session: SsoSession, property: string): string {
  return property === 'authenticatedUserId' ? session.profile.username : (session.profile.properties[property] ?? '');
}

function toAttributes(config: PostAuthenticationValues, session: SsoSession): SamlAttribute[] {
  return config.samlAttributes.flatMap((attribute) => {
    const values =
      attribute.value === 'groups' || attribute.format === 'group-list'
        ? session.profile.groups.filter((group) => matchesGroupFilter(group, attribute.groupFilter || '*'))
        : [profileValue(session, attribute.value)].filter(Boolean);
    if (values.length === 0) return [];
    return [{
      name: attribute.namespace || attribute.name,
      friendlyName: attribute.namespace ? attribute.name : undefined,
      nameFormat: NAME_FORMATS[attribute.format] ?? NAME_FORMATS.unspecified!,
      values: attribute.format === 'base64' ? values.map(base64) : values,
    }];
  });
}

/** The realm's stored Post Authentication, checked again: a half-configured realm never issues an assertion. */
function checkedConfig(realm: SsoRealm): PostAuthenticationValues {
  const config = realm.postAuthentication;
  if (config.redirect !== 'saml-idp-initiated') {
    throw new SamlError(MISCONFIGURED, `realm ${realm.slug}: Authenticated User Redirect is "${config.redirect}", not SAML 2.0 (IdP Initiated)`);
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
  if (!credentials) throw new SamlError(MISCONFIGURED, `realm ${realm.slug}: no signing certificate (chosen: ${config.signingCertificateId || 'default'})`);
  if (credentials.notAfter.getTime() <= now.getTime()) {
    throw new SamlError(MISCONFIGURED, `realm ${realm.slug}: signing certificate ${credentials.serialHex} expired on ${credentials.notAfter.toISOString()}`);
  }
  return credentials;
}

/**
 * The signed SAML Response for a signed-in user, ready for the auto-POST page: built from the realm's Post
 * Authentication tab (DESIGN "SAML"). Throws SamlError, with a reason for the log, rather than ever sending
 * a half-built assertion.
 */
export async function buildSamlPost(realm: SsoRealm, session: SsoSession, now: Date): Promise<SamlPost> {
  const config = checkedConfig(realm);
  const nameId = profileValue(session, config.userIdMapping);
  if (!nameId) {
    const property = optionLabel(PROFILE_PROPERTY_OPTIONS, config.userIdMapping);
    throw new SamlError(
      `Your account has no ${property}, which this application needs to identify you. Please contact your administrator and quote the reference below.`,
      `realm ${realm.slug}: user ${session.profile.username} has no ${property} (User ID Mapping)`,
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
      attributes: toAttributes(config, session),
    },
    { now },
  );
  const signed = signResponse(xml, credentials, { signAssertion: config.signAssertion, signMessage: config.signMessage });
  return { action: config.consumerUrl, samlResponse: base64(signed), relayState: config.targetUrl || undefined };
}
