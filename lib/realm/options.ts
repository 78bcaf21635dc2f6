/**
 * Every fixed option list of the realm tabs (../shared/spec/realm-tabs.md), with the labels admins know
 * from the SecureAuth IdP Web Admin. `available: false` marks options shown so the screen matches what
 * admins expect, but disabled with the hint UNAVAILABLE_HINT: never a fake working option.
 */

export type Option<V extends string = string> = Readonly<{ value: V; label: string; available: boolean }>;

export const UNAVAILABLE_HINT = 'not available in Realmgate yet';

export function optionValues<V extends string>(options: readonly Option<V>[]): [V, ...V[]] {
  return options.map((option) => option.value) as [V, ...V[]];
}

export function findOption<V extends string>(options: readonly Option<V>[], value: string): Option<V> | undefined {
  return options.find((option) => option.value === value);
}

export function optionLabel(options: readonly Option[], value: string): string {
  return findOption(options, value)?.label ?? value;
}

const live = <V extends string>(value: V, label: string): Option<V> => ({ value, label, available: true });
const unavailable = <V extends string>(value: V, label: string): Option<V> => ({ value, label, available: false });

// ---- Overview -------------------------------------------------------------------------------------

export const SMTP_SECURITY_OPTIONS = Object.freeze([live('none', 'None'), live('starttls', 'STARTTLS'), live('tls', 'SSL-TLS')] as const);

// ---- Data -----------------------------------------------------------------------------------------

export const DATA_STORE_OPTIONS = Object.freeze([
  live('local', 'Realmgate Local Directory'),
  live('ad-samaccountname', 'Active Directory (sAMAccountName)'),
  live('ad-upn', 'Active Directory (UPN)'),
  live('ad-lds', 'Lightweight Directory Services (AD-LDS)'),
  live('openldap', 'Open LDAP'),
  live('other-ldap', 'Other LDAP'),
  live('novell-edirectory', 'Novell eDirectory'),
  live('sun-one', 'Sun ONE'),
  live('tivoli', 'Tivoli Directory'),
  live('lotus-domino', 'Lotus Domino'),
  unavailable('sql-server', 'SQL Server'),
  unavailable('odbc', 'ODBC'),
  unavailable('aspnetdb', 'ASPNETDB'),
  unavailable('oracle', 'Oracle'),
  unavailable('azure-ad', 'Microsoft Azure AD'),
  unavailable('web-service', 'Web Service (Multi-Datastore)'),
  unavailable('custom', 'Custom'),
] as const);

/** The LDAP family: every live store except the local directory. */
export function isLdapStore(store: string): boolean {
  return store !== 'local' && findOption(DATA_STORE_OPTIONS, store)?.available === true;
}

/** Spec: sAMAccountName for AD sAMAccountName, userPrincipalName for AD UPN, uid otherwise. */
export function defaultSearchAttribute(store: string): string {
  if (store === 'ad-samaccountname') return 'sAMAccountName';
  if (store === 'ad-upn') return 'userPrincipalName';
  return 'uid';
}

export function generateSearchFilter(searchAttribute: string): string {
  return `(&(${searchAttribute}=%v)(objectClass=*))`;
}

export const CONNECTION_MODE_OPTIONS = Object.freeze([
  live('standard', 'Standard'),
  live('starttls', 'StartTLS'),
  live('ssl', 'SSL'),
] as const);

export const VALIDATE_USER_TYPE_OPTIONS = Object.freeze([live('search', 'Search'), live('bind', 'Bind')] as const);

export const GROUP_CHECK_TYPE_OPTIONS = Object.freeze([live('allow', 'Allow Access'), live('deny', 'Deny Access')] as const);

export const DATA_FORMAT_OPTIONS = Object.freeze([
  live('plain', 'Plain Text'),
  unavailable('standard-date', 'Standard Date'),
  unavailable('advanced-date', 'Advanced Date'),
  unavailable('integer-date', 'Integer Date'),
  unavailable('binary', 'Binary'),
] as const);

const numbered = (prefix: string, label: string, count: number) =>
  Array.from({ length: count }, (_, i) => live(`${prefix}${i + 1}`, `${label} ${i + 1}`));

/** The profile properties of a user, in the order of the Profile Fields grid. */
export const PROFILE_PROPERTY_OPTIONS: readonly Option[] = Object.freeze([
  live('firstName', 'First Name'),
  live('lastName', 'Last Name'),
  ...numbered('phone', 'Phone', 4),
  ...numbered('email', 'Email', 4),
  ...numbered('auxId', 'Aux ID', 10),
  live('groups', 'Groups'),
]);

// ---- Workflow -------------------------------------------------------------------------------------

export const WORKFLOW_OPTIONS = Object.freeze([
  live('username-password', 'Username | Password'),
  live('username-password-second-factor', 'Username | Password | Second Factor'),
  live('username-and-password-second-factor', 'Username & Password | Second Factor'),
  live('username-second-factor-password', 'Username | Second Factor | Password'),
  live('username-second-factor', 'Username | Second Factor'),
  live('username-only', 'Username Only'),
] as const);

export function isSecondFactorWorkflow(workflow: string): boolean {
  return workflow.includes('second-factor');
}

export const PUBLIC_PRIVATE_MODE_OPTIONS = Object.freeze([
  live('both', 'Private and Public Mode'),
  live('private-only', 'Private Mode Only'),
  live('public-only', 'Public Mode Only'),
] as const);

export const DEFAULT_PUBLIC_PRIVATE_OPTIONS = Object.freeze([
  live('private', 'Default Private'),
  live('public', 'Default Public'),
] as const);

export const UNAVAILABLE_WORKFLOW_FEATURES = Object.freeze([
  'Device Recognition',
  'Certificate Enrollment',
  'Browser Fingerprinting',
  'Custom Front End',
]);

// ---- Multi-Factor Methods -------------------------------------------------------------------------

export const PHONE_MODE_OPTIONS = Object.freeze([
  live('disabled', 'Disabled'),
  unavailable('sms', 'SMS/Text'),
  unavailable('voice', 'Voice'),
  unavailable('sms-voice', 'SMS/Text and Voice'),
] as const);

export const EMAIL_MODE_OPTIONS = Object.freeze([live('disabled', 'Disabled'), live('enabled', 'Enabled')] as const);

export const UNAVAILABLE_MFA_METHODS = Object.freeze([
  'Knowledge-Based Questions',
  'PIN',
  'Help Desk',
  'Push Notification',
  'Push-to-Accept',
  'Symbol-to-Accept',
  'YubiKey',
]);

// ---- Post Authentication --------------------------------------------------------------------------

export const REDIRECT_OPTIONS = Object.freeze([
  live('none', 'None (sign-in only)'),
  live('saml-idp-initiated', 'SAML 2.0 (IdP Initiated) Assertion'),
  live('saml-sp-initiated', 'SAML 2.0 (SP Initiated) Assertion'),
  live('saml-sp-initiated-post', 'SAML 2.0 (SP Initiated by Post) Assertion'),
  unavailable('ws-federation', 'WS-Federation Assertion'),
  unavailable('oidc', 'OpenID Connect/OAuth2'),
  unavailable('secure-portal', 'Secure Portal'),
  unavailable('self-service', 'Self Service Account Update'),
  unavailable('password-reset', 'Password Reset'),
] as const);

/** The redirects that use the "SAML Assertion / WS Federation" sections. */
export function isSamlRedirect(redirect: string): boolean {
  return redirect.startsWith('saml-') || redirect === 'ws-federation';
}

/** The SAML 2.0 redirects: the realm answers its SP's AuthnRequests with any of them. */
export function isSaml2Redirect(redirect: string): boolean {
  return redirect === 'saml-idp-initiated' || redirect === 'saml-sp-initiated' || redirect === 'saml-sp-initiated-post';
}

/**
 * Redirect To: the realm-relative page that performs the redirect. SP-initiated: the realm URL itself, which
 * answers the SP's AuthnRequest (either binding, whichever of the two options is chosen).
 */
export function redirectPath(redirect: string, slug: string): string | null {
  if (redirect === 'saml-idp-initiated') return `/sso/${slug}/saml/idp-initiated`;
  return isSaml2Redirect(redirect) ? `/sso/${slug}` : null;
}

export const USER_ID_MAPPING_OPTIONS: readonly Option[] = Object.freeze([
  live('authenticatedUserId', 'Authenticated User ID'),
  ...PROFILE_PROPERTY_OPTIONS.filter((option) => option.value !== 'groups'),
]);

const SAML = 'urn:oasis:names:tc:SAML';
export const NAME_ID_FORMAT_OPTIONS = Object.freeze(
  [
    `${SAML}:1.1:nameid-format:unspecified`,
    `${SAML}:1.1:nameid-format:emailAddress`,
    `${SAML}:2.0:nameid-format:persistent`,
    `${SAML}:2.0:nameid-format:transient`,
    `${SAML}:2.0:nameid-format:kerberos`,
    `${SAML}:1.1:nameid-format:WindowsDomainQualifiedName`,
    `${SAML}:1.1:nameid-format:X509SubjectName`,
  ].map((urn) => live(urn, urn)),
);

// SHA1 signatures can be forged (SHAttered, 2017): Realmgate signs with SHA2 only.
export const SIGNING_ALGORITHM_OPTIONS = Object.freeze([live('sha256', 'SHA2'), unavailable('sha1', 'SHA1')] as const);

export const ATTRIBUTE_FORMAT_OPTIONS = Object.freeze([
  live('basic', 'Basic'),
  live('uri', 'URI'),
  live('unspecified', 'Unspecified'),
  live('base64', 'Base64 Encoded'),
  live('group-list', 'Group List'),
] as const);

/** The values a SAML attribute can carry: the user's ID or any profile property. */
export const ATTRIBUTE_VALUE_OPTIONS: readonly Option[] = Object.freeze([
  live('authenticatedUserId', 'Authenticated User ID'),
  ...PROFILE_PROPERTY_OPTIONS,
]);

export const MAX_SAML_ATTRIBUTES = 10;
