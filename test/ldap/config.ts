import { inject } from 'vitest';

import type { LdapConfig } from '@/lib/directory/ldap/config';

import { LDAP_BASE_DN, LDAP_SERVICE } from './slapd';

let realms = 0;

/**
 * An Open LDAP store against the test slapd, as a saved Data tab would give it; each call is its own realm
 * (its own connection pools) unless `realmId` is given.
 */
export function testLdapConfig(overrides: Partial<LdapConfig> = {}): LdapConfig {
  const ldap = inject('ldap');
  realms += 1;
  return {
    realmId: `ldap-test-${realms}`,
    version: 1,
    dataStore: 'openldap',
    url: ldap.url,
    baseDn: LDAP_BASE_DN,
    connectionMode: 'standard',
    anonymousLookup: false,
    bindDn: LDAP_SERVICE.dn,
    bindPassword: LDAP_SERVICE.password,
    searchAttribute: 'uid',
    searchFilter: '(&(uid=%v)(objectClass=*))',
    validateUserType: 'bind',
    advancedAdUserCheck: false,
    groupCheckType: 'allow',
    userGroups: [],
    includeNestedGroups: false,
    groupsField: 'memberOf',
    profileFields: [
      { property: 'firstName', field: 'givenName' },
      { property: 'lastName', field: 'sn' },
      { property: 'email2', field: 'mail' },
      { property: 'auxId1', field: 'mimecastId' },
      { property: 'phone1', field: 'telephoneNumber' },
    ],
    caCertificate: '',
    verifyTls: true,
    timeoutMs: 5000,
    ...overrides,
  };
}
