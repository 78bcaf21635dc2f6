import type { DataValues } from '@/lib/realm/schemas/data';
import { parseConnectionString } from '@/lib/realm/schemas/data';

/**
 * Everything an LDAP user store needs, built from a realm's Data tab with the service password decrypted
 * (lib/realm/directory-config.ts). Server-side only: `bindPassword` never leaves the server or reaches a log.
 */
export type LdapConfig = {
  realmId: string;
  /** The realm's configuration version (Realm.version): connection pools are keyed by it. */
  version: number;
  dataStore: string;
  /** ldap://host:port or ldaps://host:port, without the base DN. */
  url: string;
  baseDn: string;
  connectionMode: DataValues['connectionMode'];
  anonymousLookup: boolean;
  bindDn: string;
  bindPassword: string;
  searchAttribute: string;
  searchFilter: string;
  validateUserType: DataValues['validateUserType'];
  advancedAdUserCheck: boolean;
  groupCheckType: DataValues['groupCheckType'];
  /** User Groups, one per line: group names (first RDN value) or DNs. Empty: no restriction. */
  userGroups: string[];
  includeNestedGroups: boolean;
  groupsField: string;
  /** Profile Fields rows with an attribute: profile property → directory attribute. */
  profileFields: { property: string; field: string }[];
  /** PEM certificates to trust besides the system's, for a private CA. */
  caCertificate: string;
  verifyTls: boolean;
  timeoutMs: number;
};

/** The LDAP settings of a saved Data tab, or null when its Connection String is not one (never saved so). */
export function toLdapConfig(values: DataValues, realm: { realmId: string; version: number; bindPassword: string }): LdapConfig | null {
  const connection = parseConnectionString(values.connectionString);
  if (!connection) return null;
  const [, scheme = '', host = ''] = /^(ldaps?):\/\/([^/]+)\//.exec(values.connectionString) ?? [];
  const port = connection.port ?? (connection.secure ? 636 : 389);
  return {
    realmId: realm.realmId,
    version: realm.version,
    dataStore: values.dataStore,
    url: `${scheme}://${host.replace(/:\d+$/, '')}:${port}`,
    baseDn: connection.baseDn,
    connectionMode: values.connectionMode,
    anonymousLookup: values.anonymousLookup,
    bindDn: values.ldapUsername,
    bindPassword: realm.bindPassword,
    searchAttribute: values.searchAttribute,
    searchFilter: values.searchFilter,
    validateUserType: values.validateUserType,
    advancedAdUserCheck: values.advancedAdUserCheck,
    groupCheckType: values.groupCheckType,
    userGroups: values.userGroups
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    includeNestedGroups: values.includeNestedGroups,
    groupsField: values.groupsField,
    profileFields: values.profileFields.filter((row) => row.field !== '').map(({ property, field }) => ({ property, field })),
    caCertificate: values.caCertificate,
    verifyTls: values.verifyTls,
    timeoutMs: values.connectionTimeoutSeconds * 1000,
  };
}
