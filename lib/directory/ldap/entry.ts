import type { Entry } from 'ldapts';

import type { ActiveUser } from '../types';
import type { LdapConfig } from './config';
import { firstRdnValue } from './escape';

/** How a directory entry becomes a Realmgate user: its profile, AD account state and group rules. */

/** Every value of an attribute, as text; attribute names match regardless of case (RFC 4512 §2.5). */
export function valuesOf(entry: Entry, attribute: string): string[] {
  const key = Object.keys(entry).find((name) => name.toLowerCase() === attribute.toLowerCase());
  const value = key === undefined || key === 'dn' ? undefined : entry[key];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => (typeof item === 'string' ? item : item.toString('utf8')));
}

const firstValue = (entry: Entry, attribute: string) => valuesOf(entry, attribute)[0] ?? '';

// Active Directory: userAccountControl bits ACCOUNTDISABLE and LOCKOUT (MS-ADTS §2.2.16); lockoutTime is set
// while an account is locked out (a FILETIME, 0 once unlocked).
const ACCOUNT_DISABLED = 0x2;
const LOCKED_OUT = 0x10;

/** The attributes every user lookup asks for. */
export function userAttributes(config: LdapConfig): string[] {
  const names = [
    config.searchAttribute,
    config.groupsField,
    ...config.profileFields.map((row) => row.field),
    'pwdLastSet',
    'pwdChangedTime',
  ];
  if (config.advancedAdUserCheck) names.push('userAccountControl', 'lockoutTime');
  return [...new Set(names)];
}

/** Advanced AD User Check: why an AD account may not sign in (disabled, locked), or null. */
export function adAccountProblem(entry: Entry): 'disabled' | 'locked' | null {
  const control = Number(firstValue(entry, 'userAccountControl') || 0);
  if (control & ACCOUNT_DISABLED) return 'disabled';
  if (control & LOCKED_OUT || Number(firstValue(entry, 'lockoutTime') || 0) > 0) return 'locked';
  return null;
}

/** Whether a group (by DN) is one of the User Groups lines: a line is a group's name or its whole DN. */
function isListed(groupDn: string, lines: string[]): boolean {
  const names = [groupDn.toLowerCase(), firstRdnValue(groupDn).toLowerCase()];
  return lines.some((line) => names.includes(line.toLowerCase()));
}

/** User Group Check: Allow Access lets only members of a listed group in, Deny Access keeps them out. */
export function passesGroupCheck(config: Pick<LdapConfig, 'groupCheckType' | 'userGroups'>, groupDns: string[]): boolean {
  if (config.userGroups.length === 0) return true;
  const member = groupDns.some((dn) => isListed(dn, config.userGroups));
  return config.groupCheckType === 'allow' ? member : !member;
}

/**
 * The user as Realmgate sees them: `userId` is the DN, `username` (and Authenticated User ID) the Search
 * Attribute's stored value, properties from the Profile Fields grid, groups by name. The credential stamp
 * is the password's last change where the directory tells it (AD pwdLastSet, OpenLDAP ppolicy
 * pwdChangedTime): a new password there ends SSO sessions, as it does for the local directory.
 */
export function toActiveUser(config: LdapConfig, entry: Entry, groupDns: string[]): ActiveUser {
  const username = firstValue(entry, config.searchAttribute);
  const properties: Record<string, string> = {};
  for (const { property, field } of config.profileFields) if (property !== 'groups') properties[property] = firstValue(entry, field);
  return {
    profile: {
      userId: entry.dn,
      username,
      properties: { ...properties, authenticatedUserId: username },
      groups: [...new Set(groupDns.map(firstRdnValue))],
    },
    credentialStamp: `ldap:${firstValue(entry, 'pwdLastSet')}:${firstValue(entry, 'pwdChangedTime')}`,
  };
}
