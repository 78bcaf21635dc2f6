import { fieldLabel } from '@/lib/realm/field-labels';
import {
  ATTRIBUTE_FORMAT_OPTIONS,
  ATTRIBUTE_VALUE_OPTIONS,
  CONNECTION_MODE_OPTIONS,
  DATA_FORMAT_OPTIONS,
  DATA_STORE_OPTIONS,
  DEFAULT_PUBLIC_PRIVATE_OPTIONS,
  EMAIL_MODE_OPTIONS,
  GROUP_CHECK_TYPE_OPTIONS,
  NAME_ID_FORMAT_OPTIONS,
  type Option,
  PHONE_MODE_OPTIONS,
  PUBLIC_PRIVATE_MODE_OPTIONS,
  REDIRECT_OPTIONS,
  SIGNING_ALGORITHM_OPTIONS,
  SMTP_SECURITY_OPTIONS,
  USER_ID_MAPPING_OPTIONS,
  VALIDATE_USER_TYPE_OPTIONS,
  WORKFLOW_OPTIONS,
  optionLabel,
} from '@/lib/realm/options';
import { type TabValues, secretFieldsOf } from '@/lib/realm/schemas';
import { parseLogo } from '@/lib/realm/schemas/overview';
import type { RealmTab } from '@/lib/realm/tabs';

import { type Leaf, diffValues, formatLeaf, omitKeys, secretChange } from './diff';
import type { FieldChange } from './types';

/**
 * The option list behind each select of a tab, by field path without item numbers (`samlAttributes.format`):
 * the history shows an option's label ("Open LDAP"), not its stored key.
 */
const FIELD_OPTIONS: { [T in RealmTab]: Record<string, readonly Option[]> } = {
  overview: { smtpSecurity: SMTP_SECURITY_OPTIONS },
  data: {
    dataStore: DATA_STORE_OPTIONS,
    connectionMode: CONNECTION_MODE_OPTIONS,
    validateUserType: VALIDATE_USER_TYPE_OPTIONS,
    groupCheckType: GROUP_CHECK_TYPE_OPTIONS,
    'profileFields.dataFormat': DATA_FORMAT_OPTIONS,
  },
  workflow: {
    defaultWorkflow: WORKFLOW_OPTIONS,
    publicPrivateMode: PUBLIC_PRIVATE_MODE_OPTIONS,
    defaultPublicPrivate: DEFAULT_PUBLIC_PRIVATE_OPTIONS,
  },
  'multi-factor-methods': { phoneFields: PHONE_MODE_OPTIONS, emailFields: EMAIL_MODE_OPTIONS },
  'post-authentication': {
    redirect: REDIRECT_OPTIONS,
    userIdMapping: USER_ID_MAPPING_OPTIONS,
    nameIdFormat: NAME_ID_FORMAT_OPTIONS,
    signingAlgorithm: SIGNING_ALGORITHM_OPTIONS,
    'samlAttributes.format': ATTRIBUTE_FORMAT_OPTIONS,
    'samlAttributes.value': ATTRIBUTE_VALUE_OPTIONS,
  },
};

/** The option list of a field path (`samlAttributes.2.format` → the attribute formats), if it is a select. */
export function optionsOf(tab: RealmTab, path: string): readonly Option[] | undefined {
  return FIELD_OPTIONS[tab][path.replace(/\.\d+/g, '')];
}

/** What the history needs to know beyond the values: which secrets changed, and the certificates' names. */
export type TabDiffContext = {
  /** Secret fields whose stored ciphertext changed (set, replaced or cleared). */
  changedSecrets: string[];
  /** Certificate id → "serial (CN)", for the Signing Cert Serial Number. */
  certificateNames: ReadonlyMap<string, string>;
};

export const DEFAULT_CERTIFICATE_LABEL = 'The default certificate';

function describeLogo(dataUrl: string): string {
  const logo = parseLogo(dataUrl);
  return typeof logo === 'string' ? 'An image' : `${logo.type} image, ${Math.ceil(logo.bytes.length / 1024)} KB`;
}

function formatTabValue(tab: RealmTab, path: string, value: Leaf, context: TabDiffContext): string {
  const options = optionsOf(tab, path);
  if (options && typeof value === 'string') return optionLabel(options, value);
  if (tab === 'post-authentication' && (path === 'signingCertificateId' || path === 'nextCertificateId')) {
    if (!value) return path === 'signingCertificateId' ? DEFAULT_CERTIFICATE_LABEL : 'None';
    return context.certificateNames.get(String(value)) ?? `A deleted certificate (${String(value)})`;
  }
  if (tab === 'overview' && path === 'logo' && value) return describeLogo(String(value));
  return formatLeaf(value);
}

/**
 * The fields of a tab that changed, with the tab's labels and display values. Secrets appear only as
 * "changed" (decided by the stored ciphertexts, never by values); `null` for a side the tab did not exist.
 */
export function diffTab<T extends RealmTab>(
  tab: T,
  before: TabValues[T] | null,
  after: TabValues[T] | null,
  context: TabDiffContext,
): FieldChange[] {
  const secrets = secretFieldsOf(tab);
  const changes = diffValues(before && omitKeys(before, secrets), after && omitKeys(after, secrets), {
    label: (path) => fieldLabel(tab, path),
    format: (path, value) => formatTabValue(tab, path, value, context),
  });
  const changedSecrets = secrets.filter((field) => context.changedSecrets.includes(field));
  return [...changes, ...changedSecrets.map((field) => secretChange(field, fieldLabel(tab, field)))];
}

/** Tab values as a record keeps them for restore: every field except the secrets. */
export function withoutSecrets<T extends RealmTab>(tab: T, values: TabValues[T]): Partial<TabValues[T]> {
  return omitKeys(values, secretFieldsOf(tab));
}
