import 'server-only';

import { type Entry, InvalidCredentialsError, NoSuchAttributeError, NoSuchObjectError } from 'ldapts';

import { AppError } from '@/lib/errors';

import { DirectoryUnavailableError } from '../errors';
import type { ActiveUser, AuthenticationResult, UserStore } from '../types';
import type { LdapConfig } from './config';
import { type Connection, classifyLdapError } from './connection';
import { adAccountProblem, passesGroupCheck, toActiveUser, userAttributes } from './entry';
import { buildUserFilter } from './escape';
import { groupsOf } from './groups';
import { withConnection } from './pool';

/**
 * The LDAP family of user stores (Active Directory, AD LDS, OpenLDAP, other LDAP) behind the UserStore
 * interface. A user is found with the Search Filter by the service account (or anonymously), their password is
 * checked as Validate User Type says, and Advanced AD User Check and User Group Check decide whether they may
 * sign in. Every call ends within the realm's connection timeout; a directory that cannot be asked throws
 * DirectoryUnavailableError, which is never counted as a wrong password.
 */
export function ldapUserStore(config: LdapConfig): UserStore {
  return {
    authenticate: (username, password) =>
      bounded(config, 'authenticate', async (deadline) => {
        const entry = await findEntry(config, username, deadline);
        return entry ? checkPasswordAndAccess(config, entry, password, deadline) : { ok: false, reason: 'unknown-user' };
      }),
    findUser: (username) =>
      bounded(config, 'find user', async (deadline) => {
        const entry = await findEntry(config, username, deadline);
        return entry ? activeUserOrNull(config, entry, deadline) : null;
      }),
    verifyPassword: (userId, password) =>
      bounded(config, 'verify password', async (deadline) => {
        const entry = await readEntry(config, userId, deadline);
        return entry ? checkPasswordAndAccess(config, entry, password, deadline) : { ok: false, reason: 'unknown-user' };
      }),
    loadActiveUser: (userId) =>
      bounded(config, 'load user', async (deadline) => {
        const entry = await readEntry(config, userId, deadline);
        return entry ? activeUserOrNull(config, entry, deadline) : null;
      }),
  };
}

/** Runs one store call within the timeout; whatever is not an answer about the user becomes "unavailable". */
async function bounded<T>(config: LdapConfig, operation: string, work: (deadline: number) => Promise<T>): Promise<T> {
  const deadline = Date.now() + config.timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DirectoryUnavailableError(`${config.url}: ${operation} got no answer within ${config.timeoutMs / 1000} s`)),
      config.timeoutMs,
    );
  });
  try {
    return await Promise.race([work(deadline), timeout]);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new DirectoryUnavailableError(`${config.url}: ${operation} failed (${classifyLdapError(error)}): ${message}`);
  } finally {
    clearTimeout(timer);
  }
}

const lookup = <T>(config: LdapConfig, deadline: number, work: (connection: Connection) => Promise<T>) =>
  withConnection(config, 'lookup', deadline, work);

/** The one entry the Search Filter finds for what the user typed; none when no entry or several match. */
async function findEntry(config: LdapConfig, username: string, deadline: number): Promise<Entry | null> {
  const filter = buildUserFilter(config.searchFilter, username);
  const entries = await lookup(config, deadline, (connection) =>
    connection.search(config.baseDn, { scope: 'sub', filter, attributes: userAttributes(config), sizeLimit: 2 }),
  );
  // Several matches: the filter does not identify users, and picking one would sign in the wrong person.
  return entries.length === 1 ? (entries[0] ?? null) : null;
}

/**
 * The entry of a user found earlier, by DN, if it still matches the Search Filter (with `%v` as a wildcard,
 * so the rest of the filter still applies) and lies under the base DN.
 */
async function readEntry(config: LdapConfig, dn: string, deadline: number): Promise<Entry | null> {
  const [lower, base] = [dn.toLowerCase(), config.baseDn.toLowerCase()];
  if (lower !== base && !lower.endsWith(`,${base}`)) return null;
  const filter = config.searchFilter.replaceAll('%v', '*');
  try {
    const [entry] = await lookup(config, deadline, (connection) =>
      connection.search(dn, { scope: 'base', filter, attributes: userAttributes(config) }),
    );
    return entry ?? null;
  } catch (error) {
    if (error instanceof NoSuchObjectError) return null;
    throw error;
  }
}

async function passwordMatches(config: LdapConfig, dn: string, password: string, deadline: number): Promise<boolean> {
  // RFC 4513 §5.1.2: a bind with a DN and an empty password is an anonymous bind, and many servers say "success".
  if (password === '') return false;
  try {
    if (config.validateUserType === 'search') {
      return await lookup(config, deadline, (connection) => connection.compare(dn, 'userPassword', password));
    }
    await withConnection(config, 'bind', deadline, (connection) => connection.bind(dn, password));
    return true;
  } catch (error) {
    if (error instanceof InvalidCredentialsError || error instanceof NoSuchAttributeError) return false;
    throw error;
  }
}

/** The realm's rules besides the password: Advanced AD User Check and User Group Check. */
async function accessProblem(config: LdapConfig, entry: Entry, deadline: number): Promise<{ problem: string | null; user: ActiveUser }> {
  const groupDns = await lookup(config, deadline, (connection) => groupsOf(connection, config, entry));
  const user = toActiveUser(config, entry, groupDns);
  const adProblem = config.advancedAdUserCheck ? adAccountProblem(entry) : null;
  if (adProblem) return { problem: `account ${adProblem}`, user };
  return { problem: passesGroupCheck(config, groupDns) ? null : 'refused by User Group Check', user };
}

async function checkPasswordAndAccess(config: LdapConfig, entry: Entry, password: string, deadline: number): Promise<AuthenticationResult> {
  // The password first, as for the local directory: only someone who knows it learns that the account is refused.
  if (!(await passwordMatches(config, entry.dn, password, deadline))) return { ok: false, reason: 'wrong-password' };
  const { problem, user } = await accessProblem(config, entry, deadline);
  // "disabled": the account may not sign in here (AD disabled or locked, or the realm's group rule).
  return problem ? { ok: false, reason: 'disabled' } : { ok: true, ...user };
}

async function activeUserOrNull(config: LdapConfig, entry: Entry, deadline: number): Promise<ActiveUser | null> {
  const { problem, user } = await accessProblem(config, entry, deadline);
  return problem ? null : user;
}
