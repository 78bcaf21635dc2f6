import { z } from 'zod';

import type { RealmData, RealmProfileField } from '@/lib/generated/prisma/client';
import {
  CONNECTION_MODE_OPTIONS,
  DATA_FORMAT_OPTIONS,
  DATA_STORE_OPTIONS,
  GROUP_CHECK_TYPE_OPTIONS,
  PROFILE_PROPERTY_OPTIONS,
  VALIDATE_USER_TYPE_OPTIONS,
  defaultSearchAttribute,
  generateSearchFilter,
  isLdapStore,
} from '@/lib/realm/options';

import {
  LDAP_ATTRIBUTE,
  PEM_CERTIFICATES,
  type SecretValue,
  booleanSchema,
  hasSecret,
  integerSchema,
  lineSchema,
  optionSchema,
  pickFormKeys,
  secretSchema,
  secretValue,
  textSchema,
} from './fields';

/** `ldap://` or `ldaps://host[:port]/<base DN>` (spec, Data tab). */
const CONNECTION_STRING = /^(ldaps?):\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?\/(.+)$/;
/** One or more PEM certificates (a CA and its intermediates); the server parses each on save (repository). */
const DN_COMPONENT = /^\s*([A-Za-z][A-Za-z0-9-]*|\d+(\.\d+)+)\s*=\s*\S.*$/;

export function parseConnectionString(value: string): { secure: boolean; port?: number; baseDn: string } | null {
  const match = CONNECTION_STRING.exec(value);
  const [, scheme, , port, baseDn] = match ?? [];
  if (!scheme || !baseDn) return null;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return null;
  if (!baseDn.split(/(?<!\\),/).every((component) => DN_COMPONENT.test(component))) return null;
  return { secure: scheme === 'ldaps', port: port === undefined ? undefined : Number(port), baseDn };
}

// Attribute names are checked in superRefine, for LDAP stores only: hidden fields must never block a save.
const attributeSchema = () => lineSchema(128);

const profileFieldSchema = z.object({
  property: z.string(),
  field: attributeSchema(),
  writable: z.boolean(),
  dataFormat: optionSchema(DATA_FORMAT_OPTIONS, 'a data format'),
});

const PROPERTY_ORDER = PROFILE_PROPERTY_OPTIONS.map((option) => option.value);

export const dataSchema = z
  .object({
    dataStore: optionSchema(DATA_STORE_OPTIONS, 'a data store'),
    ldapDomain: lineSchema(253),
    connectionString: lineSchema(1024),
    connectionMode: optionSchema(CONNECTION_MODE_OPTIONS, 'a connection mode'),
    anonymousLookup: booleanSchema(),
    ldapUsername: lineSchema(512),
    ldapPassword: secretSchema,
    searchAttribute: attributeSchema(),
    searchFilter: lineSchema(1024),
    validateUserType: optionSchema(VALIDATE_USER_TYPE_OPTIONS, 'a validation type'),
    advancedAdUserCheck: booleanSchema(),
    groupCheckType: optionSchema(GROUP_CHECK_TYPE_OPTIONS, 'a group check type'),
    userGroups: textSchema(8000),
    includeNestedGroups: booleanSchema(),
    groupsField: attributeSchema(),
    caCertificate: textSchema(20_000),
    verifyTls: booleanSchema(),
    connectionTimeoutSeconds: integerSchema(1, 60),
    profileSameAsAbove: z.literal(true, { error: 'A separate profile provider is not available in Realmgate yet' }),
    profileFields: z.array(profileFieldSchema).refine((rows) => rows.map((row) => row.property).join() === PROPERTY_ORDER.join(), {
      error: 'The profile fields grid must list every property once, in order',
    }),
  })
  .superRefine((values, ctx) => {
    if (!isLdapStore(values.dataStore)) return;
    const issue = (field: keyof typeof values, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    const connection = parseConnectionString(values.connectionString);
    if (!connection) {
      issue('connectionString', 'Enter ldap:// or ldaps://host[:port]/<base DN>, e.g. ldaps://dc1.example.com/dc=example,dc=com');
    } else if (connection.secure !== (values.connectionMode === 'ssl')) {
      issue('connectionMode', connection.secure ? 'An ldaps:// connection uses mode SSL' : 'Mode SSL needs an ldaps:// connection string');
    }
    if (!values.anonymousLookup && values.ldapUsername === '') {
      issue('ldapUsername', 'Enter the service account (DN or UPN) used to look users up, or allow Anonymous LookUp');
    }
    if (!values.anonymousLookup && !hasSecret(values.ldapPassword)) {
      issue('ldapPassword', "Set the service account's password");
    }
    if (values.searchAttribute === '') issue('searchAttribute', 'Enter the attribute users sign in with, e.g. uid');
    else if (!LDAP_ATTRIBUTE.test(values.searchAttribute)) issue('searchAttribute', 'Enter a directory attribute name, e.g. uid');
    if (!values.searchFilter.includes('%v')) {
      issue('searchFilter', 'The filter must contain %v where the username goes, e.g. (&(uid=%v)(objectClass=*))');
    } else if (!hasBalancedParentheses(values.searchFilter)) {
      issue('searchFilter', 'Write the filter as one expression in balanced parentheses, e.g. (&(uid=%v)(objectClass=*))');
    }
    if (values.caCertificate !== '' && !PEM_CERTIFICATES.test(values.caCertificate)) {
      issue('caCertificate', 'Paste the CA certificate in PEM: -----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----');
    }
    if (values.groupsField === '') issue('groupsField', 'Enter the attribute that lists group membership, e.g. memberOf');
    else if (!LDAP_ATTRIBUTE.test(values.groupsField)) issue('groupsField', 'Enter a directory attribute name, e.g. memberOf');
    values.profileFields.forEach((row, index) => {
      if (row.field !== '' && !LDAP_ATTRIBUTE.test(row.field)) {
        ctx.addIssue({
          code: 'custom',
          path: ['profileFields', index, 'field'],
          message: 'Enter a directory attribute name, e.g. givenName',
        });
      }
    });
  });

/** RFC 4515: a filter is one parenthesised expression; its parentheses close only at the very end. */
function hasBalancedParentheses(filter: string): boolean {
  const chars = [...filter.replace(/\\./g, '')];
  let depth = 0;
  for (const [index, char] of chars.entries()) {
    depth += char === '(' ? 1 : char === ')' ? -1 : 0;
    if (depth < 0 || (depth === 0 && index < chars.length - 1)) return false;
  }
  return depth === 0 && chars[0] === '(';
}

export type DataValues = z.infer<typeof dataSchema>;
export type ProfileFieldValues = z.infer<typeof profileFieldSchema>;

export function defaultDataValues(): DataValues {
  const searchAttribute = defaultSearchAttribute('local');
  return {
    dataStore: 'local',
    ldapDomain: '',
    connectionString: '',
    connectionMode: 'standard',
    anonymousLookup: false,
    ldapUsername: '',
    ldapPassword: { isSet: false, replacement: null },
    searchAttribute,
    searchFilter: generateSearchFilter(searchAttribute),
    validateUserType: 'bind',
    advancedAdUserCheck: false,
    groupCheckType: 'allow',
    userGroups: '',
    includeNestedGroups: false,
    groupsField: 'memberOf',
    caCertificate: '',
    verifyTls: true,
    connectionTimeoutSeconds: 5,
    profileSameAsAbove: true,
    profileFields: PROPERTY_ORDER.map((property) => ({ property, field: '', writable: false, dataFormat: 'plain' })),
  };
}

type DataRow = Omit<RealmData, 'realmId' | 'version'>;
type ProfileFieldRow = Pick<RealmProfileField, 'property' | 'field' | 'writable' | 'dataFormat'>;

export function toDataValues(row: Omit<RealmData, 'version'>, profileRows: ProfileFieldRow[]): DataValues {
  const byProperty = new Map(profileRows.map((profile) => [profile.property, profile]));
  return {
    ...pickFormKeys<Omit<DataValues, 'ldapPassword' | 'profileFields'>>(row, dataSchema, ['ldapPassword', 'profileFields']),
    ldapPassword: secretValue(row.ldapPasswordEnc),
    profileFields: PROPERTY_ORDER.map((property) => {
      const stored = byProperty.get(property);
      return {
        property,
        field: stored?.field ?? '',
        writable: stored?.writable ?? false,
        dataFormat: (stored?.dataFormat ?? 'plain') as ProfileFieldValues['dataFormat'],
      };
    }),
  };
}

export function fromDataValues(values: DataValues): {
  row: Omit<DataRow, 'ldapPasswordEnc'>;
  ldapPassword: SecretValue;
  profileFields: ProfileFieldRow[];
} {
  const { ldapPassword, profileFields, ...row } = values;
  return { row, ldapPassword, profileFields };
}
