import { PROFILE_PROPERTY_OPTIONS, optionLabel } from '@/lib/realm/options';
import type { TabValues } from '@/lib/realm/schemas';
import type { ProfileFieldValues } from '@/lib/realm/schemas/data';
import type { SamlAttributeValues } from '@/lib/realm/schemas/post-authentication';
import type { RealmTab } from '@/lib/realm/tabs';

/**
 * The label of every tab field, as the tab's form shows it: the forms read their labels here, and the change
 * history names fields with the same words. `satisfies` makes a new schema field without a label a type error.
 */
export const TAB_FIELD_LABELS = Object.freeze({
  overview: {
    name: 'Realm Name',
    description: 'Realm Description',
    logo: 'Company Logo',
    documentTitle: 'Document Title',
    pageHeader: 'Page Header',
    smtpHost: 'Server Address',
    smtpPort: 'Port',
    smtpUsername: 'Username',
    smtpPassword: 'Password',
    smtpSecurity: 'SSL',
    smtpAllowPlainAuth: 'Allow plain-text authentication',
    senderAddress: 'Sender Address',
    senderName: 'Sender Name',
    emailSubject: 'Subject',
  },
  data: {
    dataStore: 'Data Store',
    ldapDomain: 'Domain',
    connectionString: 'Connection String',
    connectionMode: 'Connection Mode',
    anonymousLookup: 'Anonymous LookUp',
    ldapUsername: 'Username',
    ldapPassword: 'Password',
    searchAttribute: 'Search Attribute',
    searchFilter: 'Search Filter',
    validateUserType: 'Validate User Type',
    advancedAdUserCheck: 'Advanced AD User Check',
    groupCheckType: 'User Group Check Type',
    userGroups: 'User Groups',
    includeNestedGroups: 'Include Nested Groups',
    groupsField: 'Groups Field',
    caCertificate: 'CA Certificate',
    verifyTls: 'Verify TLS Certificate',
    connectionTimeoutSeconds: 'Connection Timeout (seconds)',
    profileSameAsAbove: 'Same As Above',
    profileFields: 'Profile Fields',
  },
  workflow: {
    defaultWorkflow: 'Default Workflow',
    publicPrivateMode: 'Public/Private Mode',
    defaultPublicPrivate: 'Default Public/Private',
    rememberUserSelection: 'Remember User Selection',
    maxInvalidAttempts: 'Max Invalid Attempts',
    lockoutMinutes: 'Lockout Minutes',
  },
  'multi-factor-methods': {
    phoneFields: 'Phone Fields',
    emailFields: 'Email Fields',
    totpEnabled: 'Time-based Passcodes',
    totpLength: 'Passcode Length',
    totpTimeStep: 'Time Step (seconds)',
    totpDrift: 'Allowed Drift (steps)',
    totpIssuer: 'Issuer shown in the authenticator app',
    otpLength: 'Length',
    otpLifetimeMinutes: 'Lifetime (minutes)',
    otpMaxAttempts: 'Max Attempts',
  },
  'post-authentication': {
    redirect: 'Authenticated User Redirect',
    userIdMapping: 'User ID Mapping',
    nameIdFormat: 'Name ID Format',
    encodeBase64: 'Encode to Base64',
    targetUrl: 'WSFed Reply To/SAML Target URL',
    consumerUrl: 'SAML Consumer URL',
    issuer: 'WS Fed / SAML Issuer',
    recipient: 'SAML Recipient',
    audience: 'SAML Audience',
    spStartUrl: 'SP Start URL',
    spEntityId: 'SP Entity ID',
    allowedAcsUrls: 'Allowed ACS URLs',
    requireSignedAuthn: 'Require signed AuthnRequests',
    spCertificate: 'SP signing certificate',
    offsetMinutes: 'SAML Offset Minutes',
    validHours: 'SAML Valid Hours',
    signAssertion: 'Sign SAML Assertion',
    signMessage: 'Sign SAML Message',
    signingAlgorithm: 'Signing Algorithm',
    signingCertificateId: 'Signing Cert Serial Number',
    nextCertificateId: 'Next Certificate Serial Number',
    switchAt: 'Switch At (UTC)',
    encryptAssertion: 'Encrypt SAML Assertion',
    metadataDomain: 'Domain',
    samlAttributes: 'SAML Attributes',
    cookieName: 'Name',
    cookieRequireSsl: 'Require SSL',
    slidingExpiration: 'Sliding Expiration',
    timeoutMinutes: 'Timeout (minutes)',
    persistentCookie: 'Persistent',
  },
} satisfies { [T in RealmTab]: Record<keyof TabValues[T], string> });

/** The fields of one SAML attribute (Post Authentication), as each attribute's fieldset shows them. */
export const SAML_ATTRIBUTE_LABELS = Object.freeze({
  name: 'Name',
  namespace: 'Namespace',
  format: 'Format',
  value: 'Value',
  groupFilter: 'Group Filter Expression',
} satisfies Record<keyof SamlAttributeValues, string>);

/** The columns of the Profile Fields grid (Data): one row per profile property. */
export const PROFILE_FIELD_LABELS = Object.freeze({
  property: 'Property',
  field: 'Field',
  writable: 'Writable',
  dataFormat: 'Data Format',
} satisfies Record<keyof ProfileFieldValues, string>);

/** "Attribute 2": one SAML attribute, numbered from 1 (its fieldset's legend and the start of its fields' labels). */
export function samlAttributeName(index: number): string {
  return `Attribute ${index + 1}`;
}

/** "Phone Field 1" … "Email Field 4" (Multi-Factor Methods). */
export function contactFieldLabel(kind: 'phone' | 'email', index: number): string {
  return `${kind === 'phone' ? 'Phone' : 'Email'} Field ${index + 1}`;
}

/**
 * The label of a field by its form path (`validHours`, `samlAttributes.1.name`, `profileFields.7.field`,
 * `phoneFields.0`). Repeating groups name the item: "SAML Attribute 2: Name", "Profile Field Email 2: Field".
 */
export function fieldLabel(tab: RealmTab, path: string): string {
  const [key = '', index, sub] = path.split('.');
  const position = Number(index);
  if (key === 'samlAttributes' && sub) {
    return `SAML ${samlAttributeName(position)}: ${(SAML_ATTRIBUTE_LABELS as Record<string, string>)[sub] ?? sub}`;
  }
  if (key === 'profileFields' && sub) {
    const property = PROFILE_PROPERTY_OPTIONS[position]?.value ?? index ?? '';
    return `Profile Field ${optionLabel(PROFILE_PROPERTY_OPTIONS, property)}: ${(PROFILE_FIELD_LABELS as Record<string, string>)[sub] ?? sub}`;
  }
  if ((key === 'phoneFields' || key === 'emailFields') && index !== undefined) {
    return contactFieldLabel(key === 'phoneFields' ? 'phone' : 'email', position);
  }
  return (TAB_FIELD_LABELS[tab] as Record<string, string>)[key] ?? path;
}
