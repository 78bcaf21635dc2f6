import { describe, expect, test } from 'vitest';

import { defaultDataValues } from '@/lib/realm/schemas/data';

import { toLdapConfig } from './config';

const realm = { realmId: 'r1', version: 7, bindPassword: 'pw' };
const values = (change: Partial<ReturnType<typeof defaultDataValues>>) => ({
  ...defaultDataValues(),
  dataStore: 'openldap' as const,
  ...change,
});

describe('an LDAP store from a saved Data tab', () => {
  test.each([
    ['ldap://ldap.example.com/dc=example,dc=com', 'ldap://ldap.example.com:389', 'dc=example,dc=com'],
    ['ldaps://ldap.example.com/dc=example,dc=com', 'ldaps://ldap.example.com:636', 'dc=example,dc=com'],
    ['ldap://10.0.0.5:1389/ou=People,dc=example,dc=com', 'ldap://10.0.0.5:1389', 'ou=People,dc=example,dc=com'],
    ['ldaps://[2001:db8::1]/dc=example,dc=com', 'ldaps://[2001:db8::1]:636', 'dc=example,dc=com'],
    ['ldaps://[2001:db8::1]:3269/dc=example,dc=com', 'ldaps://[2001:db8::1]:3269', 'dc=example,dc=com'],
  ])('%s connects to %s with base DN %s', (connectionString, url, baseDn) => {
    expect(toLdapConfig(values({ connectionString }), realm)).toMatchObject({ url, baseDn });
  });

  test('carries the rules: User Groups by line, mapped Profile Fields only, the timeout in milliseconds', () => {
    const profileFields = defaultDataValues().profileFields.map((row) => (row.property === 'email2' ? { ...row, field: 'mail' } : row));
    const config = toLdapConfig(
      values({ connectionString: 'ldap://h/dc=x', userGroups: ' Finance \n\nStaff', profileFields, connectionTimeoutSeconds: 7 }),
      realm,
    );
    expect(config).toMatchObject({
      realmId: 'r1',
      version: 7,
      bindPassword: 'pw',
      userGroups: ['Finance', 'Staff'],
      profileFields: [{ property: 'email2', field: 'mail' }],
      timeoutMs: 7000,
    });
  });

  test('is null for a Connection String that is not one', () => {
    expect(toLdapConfig(values({ connectionString: 'ldap.example.com' }), realm)).toBeNull();
  });
});
