import { describe, expect, test } from 'vitest';

import { DB_ONLY, fieldErrorsOf } from '@/test/schema-helpers';

import {
  type DataValues,
  type ProfileFieldValues,
  dataSchema,
  defaultDataValues,
  fromDataValues,
  parseConnectionString,
  toDataValues,
} from './data';

const MAPPED_FIELDS: Record<string, string> = {
  firstName: 'givenName',
  lastName: 'sn',
  email1: 'mail',
  phone1: 'telephoneNumber',
  groups: 'memberOf',
};

const profileFields: ProfileFieldValues[] = defaultDataValues().profileFields.map((row) => ({
  ...row,
  field: MAPPED_FIELDS[row.property] ?? '',
}));

const valid: DataValues = {
  ...defaultDataValues(),
  dataStore: 'ad-samaccountname',
  ldapDomain: 'example.com',
  connectionString: 'ldaps://dc1.example.com:636/dc=example,dc=com',
  connectionMode: 'ssl',
  ldapUsername: 'CN=svc-realmgate,OU=Service Accounts,DC=example,DC=com',
  ldapPassword: { isSet: true, replacement: null },
  searchAttribute: 'sAMAccountName',
  searchFilter: '(&(sAMAccountName=%v)(objectClass=*))',
  validateUserType: 'search',
  advancedAdUserCheck: true,
  groupCheckType: 'allow',
  userGroups: 'Mimecast Users\nIT',
  includeNestedGroups: true,
  profileFields,
};

/** The profile grid of `valid` with one row changed. */
function withProfileRow(index: number, change: Partial<ProfileFieldValues> | Record<string, unknown>) {
  return profileFields.map((row, i) => (i === index ? { ...row, ...change } : row));
}

const errorsOf = (values: unknown) => fieldErrorsOf(dataSchema, values);

describe('data schema', () => {
  test('accepts an Active Directory store over ldaps://', () => {
    expect(errorsOf(valid)).toEqual({});
  });

  test('accepts the defaults of a new realm (local directory)', () => {
    expect(errorsOf(defaultDataValues())).toEqual({});
  });

  test('hidden LDAP fields never block a save of the local directory', () => {
    const badNames = {
      searchAttribute: 'not an attribute',
      groupsField: '1x',
      profileFields: valid.profileFields.map((row) => ({ ...row, field: 'has space' })),
    };
    expect(errorsOf({ ...valid, dataStore: 'local', ...badNames })).toEqual({});
    expect(errorsOf({ ...valid, ...badNames })).toMatchObject({
      searchAttribute: expect.any(String),
      groupsField: expect.any(String),
      'profileFields.0.field': expect.any(String),
    });
  });

  test('does not require LDAP fields for the local directory', () => {
    const local = {
      ...valid,
      dataStore: 'local',
      connectionString: '',
      connectionMode: 'standard',
      anonymousLookup: false,
      ldapUsername: '',
      ldapPassword: { isSet: false, replacement: null },
      searchAttribute: '',
      searchFilter: '',
      groupsField: '',
    };
    expect(errorsOf(local)).toEqual({});
  });

  test.each(['ad-upn', 'ad-lds', 'openldap', 'other-ldap', 'novell-edirectory', 'sun-one', 'tivoli', 'lotus-domino'])(
    'accepts the LDAP store %s',
    (dataStore) => {
      expect(errorsOf({ ...valid, dataStore })).toEqual({});
    },
  );

  test.each(['ad-upn', 'openldap', 'lotus-domino'])('applies the LDAP rules to the store %s', (dataStore) => {
    expect(errorsOf({ ...valid, dataStore, connectionString: '' }).connectionString).toMatch(/ldaps:\/\//);
  });

  test.each<[string, Partial<DataValues>]>([
    ['ldap:// with mode Standard', { connectionString: 'ldap://dc1.example.com/dc=example,dc=com', connectionMode: 'standard' }],
    ['ldap:// with mode StartTLS', { connectionString: 'ldap://dc1.example.com:389/dc=example,dc=com', connectionMode: 'starttls' }],
    ['ldaps:// without a port', { connectionString: 'ldaps://dc1.example.com/dc=example,dc=com' }],
    ['an IPv6 host', { connectionString: 'ldaps://[2001:db8::1]:636/dc=example,dc=com' }],
    ['a base DN with an escaped comma', { connectionString: 'ldaps://dc1.example.com/ou=Sales\\, EMEA,dc=example,dc=com' }],
    [
      'Anonymous LookUp without a service account or password',
      { anonymousLookup: true, ldapUsername: '', ldapPassword: { isSet: false, replacement: null } },
    ],
    ['a UPN service account', { ldapUsername: 'svc-realmgate@example.com' }],
    ['a password typed but not stored yet', { ldapPassword: { isSet: false, replacement: 'S3cret!' } }],
    ['an escaped parenthesis in the filter', { searchFilter: '(&(sAMAccountName=%v)(description=\\(x))' }],
    ['an OID as Search Attribute', { searchAttribute: '0.9.2342.19200300.100.1.1', searchFilter: '(0.9.2342.19200300.100.1.1=%v)' }],
    ['an attribute name with a hyphen', { groupsField: 'is-member-of' }],
    ['no group restriction', { userGroups: '' }],
  ])('accepts %s', (_case, change) => {
    expect(errorsOf({ ...valid, ...change })).toEqual({});
  });

  test.each<[string, Partial<DataValues> | Record<string, unknown>, string, RegExp]>([
    ['an unavailable data store', { dataStore: 'sql-server' }, 'dataStore', /SQL Server is not available in Realmgate yet/],
    ['Microsoft Azure AD as data store', { dataStore: 'azure-ad' }, 'dataStore', /Microsoft Azure AD is not available in Realmgate yet/],
    ['a custom data store', { dataStore: 'custom' }, 'dataStore', /not available in Realmgate yet/],
    ['an unknown data store', { dataStore: 'mongodb' }, 'dataStore', /from the list/],
    ['a connection string without a base DN', { connectionString: 'ldaps://dc1.example.com:636' }, 'connectionString', /base DN/],
    ['a connection string ending in a bare slash', { connectionString: 'ldaps://dc1.example.com:636/' }, 'connectionString', /base DN/],
    ['a base DN that is not a DN', { connectionString: 'ldaps://dc1.example.com/example.com' }, 'connectionString', /base DN/],
    [
      'a base DN with an empty component',
      { connectionString: 'ldaps://dc1.example.com/dc=example,,dc=com' },
      'connectionString',
      /base DN/,
    ],
    [
      'an http:// connection string',
      { connectionString: 'http://dc1.example.com/dc=example,dc=com' },
      'connectionString',
      /ldap:\/\/ or ldaps:\/\//,
    ],
    [
      'a connection string without a scheme',
      { connectionString: 'dc1.example.com/dc=example,dc=com' },
      'connectionString',
      /ldap:\/\/ or ldaps:\/\//,
    ],
    ['port 70000', { connectionString: 'ldaps://dc1.example.com:70000/dc=example,dc=com' }, 'connectionString', /ldaps:\/\//],
    ['port 0', { connectionString: 'ldaps://dc1.example.com:0/dc=example,dc=com' }, 'connectionString', /ldaps:\/\//],
    ['an empty connection string', { connectionString: '' }, 'connectionString', /ldaps:\/\//],
    ['an ldaps:// string with mode Standard', { connectionMode: 'standard' }, 'connectionMode', /An ldaps:\/\/ connection uses mode SSL/],
    ['an ldaps:// string with mode StartTLS', { connectionMode: 'starttls' }, 'connectionMode', /An ldaps:\/\/ connection uses mode SSL/],
    [
      'mode SSL with an ldap:// string',
      { connectionString: 'ldap://dc1.example.com/dc=example,dc=com' },
      'connectionMode',
      /Mode SSL needs an ldaps:\/\/ connection string/,
    ],
    ['an unknown Connection Mode', { connectionMode: 'tls' }, 'connectionMode', /from the list/],
    ['no service account without Anonymous LookUp', { ldapUsername: '' }, 'ldapUsername', /service account/],
    [
      'no password stored or typed without Anonymous LookUp',
      { ldapPassword: { isSet: false, replacement: null } },
      'ldapPassword',
      /password/,
    ],
    ['an empty typed password with none stored', { ldapPassword: { isSet: false, replacement: '' } }, 'ldapPassword', /password/],
    ['a password sent as plain text', { ldapPassword: 'S3cret!' }, 'ldapPassword', /object/],
    ['a password secret without isSet', { ldapPassword: { replacement: 'S3cret!' } }, 'ldapPassword.isSet', /boolean/],
    ['Anonymous LookUp as text', { anonymousLookup: 'true' }, 'anonymousLookup', /True or False/],
    ['a Search Filter without %v', { searchFilter: '(&(sAMAccountName=alice)(objectClass=*))' }, 'searchFilter', /must contain %v/],
    ['an empty Search Filter', { searchFilter: '' }, 'searchFilter', /must contain %v/],
    [
      'a Search Filter missing a closing parenthesis',
      { searchFilter: '(&(sAMAccountName=%v)(objectClass=*)' },
      'searchFilter',
      /balanced parentheses/,
    ],
    ['a Search Filter closing too early', { searchFilter: '(sAMAccountName=%v))(' }, 'searchFilter', /balanced parentheses/],
    ['a Search Filter not wrapped in parentheses', { searchFilter: 'sAMAccountName=%v' }, 'searchFilter', /balanced parentheses/],
    ['a Search Filter balanced only by an escaped parenthesis', { searchFilter: '(cn=%v\\)' }, 'searchFilter', /balanced parentheses/],
    ['a line break in the Search Filter', { searchFilter: '(&(uid=%v)\n(cn=*))' }, 'searchFilter', /single line/],
    ['two filters side by side', { searchFilter: '(uid=%v)(cn=*)' }, 'searchFilter', /one expression/],
    ['an empty Search Attribute', { searchAttribute: '' }, 'searchAttribute', /attribute users sign in with/],
    ['a Search Attribute with a space', { searchAttribute: 'sam account' }, 'searchAttribute', /directory attribute name, e.g. uid/],
    ['a Search Attribute starting with a digit', { searchAttribute: '1uid' }, 'searchAttribute', /directory attribute name/],
    ['a Search Attribute with an underscore', { searchAttribute: 'user_name' }, 'searchAttribute', /directory attribute name/],
    ['a Search Attribute that is a filter', { searchAttribute: 'uid=*' }, 'searchAttribute', /directory attribute name/],
    ['an empty Groups Field', { groupsField: '' }, 'groupsField', /group membership/],
    ['a Groups Field with a semicolon', { groupsField: 'memberOf;range=0-*' }, 'groupsField', /directory attribute name, e.g. memberOf/],
    ['an unknown Validate User Type', { validateUserType: 'compare' }, 'validateUserType', /from the list/],
    ['an unknown User Group Check Type', { groupCheckType: 'ignore' }, 'groupCheckType', /from the list/],
    ['a separate profile provider', { profileSameAsAbove: false }, 'profileSameAsAbove', /not available in Realmgate yet/],
    [
      'profile grid rows out of order',
      { profileFields: [profileFields[1], profileFields[0], ...profileFields.slice(2)] },
      'profileFields',
      /every property once, in order/,
    ],
    ['a profile grid without the Groups row', { profileFields: profileFields.slice(0, -1) }, 'profileFields', /every property once/],
    [
      'a profile grid listing a property twice',
      { profileFields: [...profileFields, profileFields[0]] },
      'profileFields',
      /every property once/,
    ],
    [
      'a profile grid with an unknown property',
      { profileFields: withProfileRow(0, { property: 'password' }) },
      'profileFields',
      /every property once/,
    ],
    [
      'a profile Field that is not an attribute name',
      { profileFields: withProfileRow(0, { field: 'given name' }) },
      'profileFields.0.field',
      /e.g. givenName/,
    ],
    [
      'an unavailable profile Data Format',
      { profileFields: withProfileRow(0, { dataFormat: 'binary' }) },
      'profileFields.0.dataFormat',
      /Binary is not available in Realmgate yet/,
    ],
    ['a profile Writable flag as text', { profileFields: withProfileRow(1, { writable: 'yes' }) }, 'profileFields.1.writable', /boolean/],
  ])('refuses %s', (_case, change, field, message) => {
    expect(errorsOf({ ...valid, ...change })[field]).toMatch(message);
  });

  test('trims surrounding spaces', () => {
    const parsed = dataSchema.parse({ ...valid, connectionString: `  ${valid.connectionString} `, searchAttribute: ' sAMAccountName ' });
    expect(parsed.connectionString).toBe(valid.connectionString);
    expect(parsed.searchAttribute).toBe('sAMAccountName');
  });
});

describe('connection string', () => {
  test.each<[string, string, ReturnType<typeof parseConnectionString>]>([
    ['ldap:// without a port', 'ldap://dc1.example.com/dc=example,dc=com', { secure: false, port: undefined, baseDn: 'dc=example,dc=com' }],
    ['ldaps:// with port 636', 'ldaps://dc1.example.com:636/dc=example,dc=com', { secure: true, port: 636, baseDn: 'dc=example,dc=com' }],
    [
      'an IPv4 host with port 389',
      'ldap://10.0.0.5:389/ou=People,dc=example,dc=org',
      { secure: false, port: 389, baseDn: 'ou=People,dc=example,dc=org' },
    ],
    ['an IPv6 host', 'ldaps://[2001:db8::1]/dc=example,dc=com', { secure: true, port: undefined, baseDn: 'dc=example,dc=com' }],
    ['port 65535', 'ldap://ldap:65535/o=example', { secure: false, port: 65535, baseDn: 'o=example' }],
    [
      'an escaped comma in the base DN',
      'ldap://dc1/cn=Smith\\, John,dc=example',
      { secure: false, port: undefined, baseDn: 'cn=Smith\\, John,dc=example' },
    ],
    ['an OID attribute in the base DN', 'ldap://dc1/2.5.4.10=example', { secure: false, port: undefined, baseDn: '2.5.4.10=example' }],
  ])('parses %s', (_case, value, expected) => {
    expect(parseConnectionString(value)).toEqual(expected);
  });

  test.each<[string, string]>([
    ['no base DN', 'ldap://dc1.example.com'],
    ['a bare slash for base DN', 'ldap://dc1.example.com/'],
    ['an http:// scheme', 'http://dc1.example.com/dc=example,dc=com'],
    ['an ldapi:// scheme', 'ldapi://dc1.example.com/dc=example,dc=com'],
    ['a single slash after the scheme', 'ldaps:/dc1.example.com/dc=example,dc=com'],
    ['port 70000', 'ldaps://dc1.example.com:70000/dc=example,dc=com'],
    ['port 0', 'ldaps://dc1.example.com:0/dc=example,dc=com'],
    ['a port that is not a number', 'ldaps://dc1.example.com:ldaps/dc=example,dc=com'],
    ['credentials in the host', 'ldap://admin:pw@dc1.example.com/dc=example,dc=com'],
    ['a base DN that is a domain name', 'ldap://dc1.example.com/example.com'],
    ['a base DN with an empty component', 'ldap://dc1.example.com/dc=example,,dc=com'],
    ['a base DN component without a value', 'ldap://dc1.example.com/dc=,dc=com'],
  ])('refuses %s', (_case, value) => {
    expect(parseConnectionString(value)).toBeNull();
  });
});

describe('data converters', () => {
  test('round trip, profile rows in any order', () => {
    const { row, ldapPassword, profileFields: rows } = fromDataValues(valid);
    expect(ldapPassword).toEqual(valid.ldapPassword);
    expect(toDataValues({ ...row, realmId: 'r1', ldapPasswordEnc: 'v1.iv.tag.ciphertext', ...DB_ONLY }, [...rows].reverse())).toEqual(
      valid,
    );
  });

  test('fill missing profile rows with an empty plain-text field', () => {
    const { row } = fromDataValues(valid);
    const values = toDataValues({ ...row, realmId: 'r1', ldapPasswordEnc: null }, [
      { property: 'lastName', field: 'sn', writable: true, dataFormat: 'plain' },
    ]);
    expect(values.profileFields).toEqual(
      defaultDataValues().profileFields.map((field) => (field.property === 'lastName' ? { ...field, field: 'sn', writable: true } : field)),
    );
    expect(values.ldapPassword).toEqual({ isSet: false, replacement: null });
  });

  test('never put the password into the stored row', () => {
    const { row } = fromDataValues({ ...valid, ldapPassword: { isSet: false, replacement: 'S3cret!' } });
    expect(JSON.stringify(row)).not.toContain('S3cret!');
  });
});
