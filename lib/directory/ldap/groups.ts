import 'server-only';

import { type Entry, NoSuchObjectError } from 'ldapts';

import { DirectoryUnavailableError } from '../errors';
import type { LdapConfig } from './config';
import type { Connection } from './connection';
import { valuesOf } from './entry';
import { escapeFilterValue } from './escape';

/**
 * The groups a user is in: the Groups Field (memberOf) of their entry and, with Include Nested Groups, the
 * groups those groups are in. Active Directory answers that in one search with its in-chain matching rule;
 * other directories are walked group by group, within bounds, and a walk that reaches a bound fails closed
 * (a Deny Access group past the bound must not let a user in).
 */

/** LDAP_MATCHING_RULE_IN_CHAIN (MS-ADTS §3.1.1.3.4.4.3). */
export const IN_CHAIN_RULE = '1.2.840.113556.1.4.1941';
/** Root DSE supportedCapabilities of Active Directory and of AD LDS (MS-ADTS §3.1.1.3.4.3). */
const AD_CAPABILITIES = ['1.2.840.113556.1.4.800', '1.2.840.113556.1.4.1851'];
export const MAX_GROUP_DEPTH = 10;
export const MAX_GROUPS = 500;

/** The groups containing `userDn` at any depth, as AD's in-chain rule finds them. */
export function inChainFilter(userDn: string): string {
  return `(member:${IN_CHAIN_RULE}:=${escapeFilterValue(userDn)})`;
}

/**
 * Whether the server is Active Directory or AD LDS, by its root DSE. Only they know the in-chain rule: other
 * servers (OpenLDAP included) quietly match nothing with it, which would hide every nested group.
 */
export async function isActiveDirectory(connection: Connection): Promise<boolean> {
  const [rootDse] = await connection.search('', { scope: 'base', attributes: ['supportedCapabilities'] });
  return rootDse ? valuesOf(rootDse, 'supportedCapabilities').some((oid) => AD_CAPABILITIES.includes(oid)) : false;
}

export async function inChainGroups(connection: Connection, config: LdapConfig, userDn: string): Promise<string[]> {
  const entries = await connection.search(config.baseDn, { scope: 'sub', filter: inChainFilter(userDn), attributes: ['1.1'] });
  return entries.map((entry) => entry.dn);
}

/** Breadth first over the Groups Field of each group; each level's groups are read at once. */
export async function walkGroups(connection: Connection, config: LdapConfig, direct: string[]): Promise<string[]> {
  const seen = new Map(direct.map((dn) => [dn.toLowerCase(), dn]));
  let level = [...seen.values()];
  for (let depth = 1; level.length > 0; depth += 1) {
    if (depth > MAX_GROUP_DEPTH) throw new DirectoryUnavailableError(`nested groups go deeper than ${MAX_GROUP_DEPTH} levels`);
    const parents = (await Promise.all(level.map((dn) => parentGroups(connection, config, dn)))).flat();
    level = [];
    for (const dn of parents) {
      if (seen.has(dn.toLowerCase())) continue;
      seen.set(dn.toLowerCase(), dn);
      level.push(dn);
    }
    if (seen.size > MAX_GROUPS) throw new DirectoryUnavailableError(`a user is in more than ${MAX_GROUPS} nested groups`);
  }
  return [...seen.values()];
}

async function parentGroups(connection: Connection, config: LdapConfig, groupDn: string): Promise<string[]> {
  try {
    const [group] = await connection.search(groupDn, { scope: 'base', filter: '(objectClass=*)', attributes: [config.groupsField] });
    return group ? valuesOf(group, config.groupsField) : [];
  } catch (error) {
    // A membership naming a group that is gone (or out of reach) adds nothing.
    if (error instanceof NoSuchObjectError) return [];
    throw error;
  }
}

/** Every group of the user: direct, plus nested when the realm asks for them. */
export async function groupsOf(connection: Connection, config: LdapConfig, entry: Entry): Promise<string[]> {
  const direct = valuesOf(entry, config.groupsField);
  if (!config.includeNestedGroups) return direct;
  if (await isActiveDirectory(connection)) {
    const nested = await inChainGroups(connection, config, entry.dn);
    return [...new Map([...direct, ...nested].map((dn) => [dn.toLowerCase(), dn])).values()];
  }
  return walkGroups(connection, config, direct);
}
