import 'server-only';

import { FilterParser } from 'ldapts';

import { PROFILE_PROPERTY_OPTIONS, optionLabel } from '@/lib/realm/options';

import type { LdapConfig } from './config';
import { type Connection, type LdapFailure, classifyLdapError, isDirectoryAnswer, openConnection } from './connection';
import { adAccountProblem, passesGroupCheck, toActiveUser, userAttributes } from './entry';
import { buildUserFilter } from './escape';
import { groupsOf } from './groups';

/**
 * The Data tab's Test Connection: each step of a sign-in's lookup in turn, on a connection of its own, so the
 * first one that fails names the exact reason (host, TLS, service account, base DN, Search Filter). With a
 * test username, the profile the directory gives that user. Never the password: messages are ours, and the
 * directory's own words go to the log only (the caller logs with the password cut out).
 */
export type ConnectionReport = {
  ok: boolean;
  message: string;
  /** For a test username that was found: its DN, and each mapped profile property with its value. */
  user?: { dn: string; properties: { label: string; value: string }[]; access: string };
};

export class ConnectionTestFailure extends Error {
  constructor(
    readonly failure: LdapFailure,
    readonly report: string,
    readonly cause: unknown,
  ) {
    super(report);
  }
}

function describeFailure(config: LdapConfig, failure: LdapFailure, error: unknown): string {
  const server = config.url.replace(/^ldaps?:\/\//, '');
  const seconds = config.timeoutMs / 1000;
  switch (failure) {
    case 'unreachable':
      return `Cannot reach ${server}: nothing answers there (check the host and port of the Connection String).`;
    case 'timeout':
      return `No answer from ${server} within the connection timeout (${seconds} s).`;
    case 'tls':
      return `The TLS connection to ${server} failed: ${tlsReason(error)}.`;
    case 'credentials':
      return "The directory refused the service account's Username or Password.";
    default:
      return `The directory refused the request (${error instanceof Error ? error.name : 'error'}); see the log for its answer.`;
  }
}

function tlsReason(error: unknown): string {
  const code = (error as { code?: string } | null)?.code ?? '';
  if (/ALTNAME/.test(code)) return "the server's certificate does not name this host";
  if (/EXPIRED/.test(code)) return "the server's certificate has expired";
  if (/SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code)) {
    return "its certificate is not signed by a CA Realmgate trusts (paste the directory's CA in CA Certificate)";
  }
  return 'check Connection Mode (StartTLS or SSL) and the CA Certificate';
}

/** Runs one step; a failure becomes the report of that step. */
async function step<T>(config: LdapConfig, work: () => Promise<T>, describe?: (error: unknown) => string | null): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const failure = classifyLdapError(error);
    throw new ConnectionTestFailure(failure, describe?.(error) ?? describeFailure(config, failure, error), error);
  }
}

async function checkBaseDn(config: LdapConfig, connection: Connection): Promise<void> {
  await step(
    config,
    () => connection.search(config.baseDn, { scope: 'base', filter: '(objectClass=*)', attributes: ['1.1'] }),
    (error) =>
      classifyLdapError(error) === 'base-dn'
        ? `The base DN ${config.baseDn} was not found in the directory (check the Connection String).`
        : null,
  );
}

async function findTestUser(config: LdapConfig, connection: Connection, username: string) {
  const filter = buildUserFilter(config.searchFilter, username || 'realmgate-connection-test');
  await step(
    config,
    async () => FilterParser.parseString(filter),
    () => `The Search Filter is not a valid LDAP filter (RFC 4515): ${config.searchFilter}`,
  );
  return step(
    config,
    () => connection.search(config.baseDn, { scope: 'sub', filter, attributes: userAttributes(config), sizeLimit: 2 }),
    (error) =>
      isDirectoryAnswer(error) ? `The directory refused the Search Filter ${config.searchFilter}: see the log for its answer.` : null,
  );
}

async function describeUser(config: LdapConfig, connection: Connection, username: string): Promise<ConnectionReport> {
  const entries = await findTestUser(config, connection, username);
  if (!username) return { ok: true, message: 'Connected: the service account, base DN and Search Filter work.' };
  const [entry] = entries;
  if (entries.length > 1) return { ok: false, message: `Connected, but the Search Filter finds several entries for ${username}.` };
  if (!entry) return { ok: true, message: `Connected, but no user matches ${username} with the Search Filter.` };
  const groupDns = await step(config, () => groupsOf(connection, config, entry));
  const { profile } = toActiveUser(config, entry, groupDns);
  const adProblem = config.advancedAdUserCheck ? adAccountProblem(entry) : null;
  const access = adProblem
    ? `Refused: the account is ${adProblem} (Advanced AD User Check).`
    : passesGroupCheck(config, groupDns)
      ? 'May sign in.'
      : 'Refused by User Group Check.';
  const properties = [
    { label: 'Authenticated User ID', value: profile.username },
    ...config.profileFields
      .filter((row) => row.property !== 'groups')
      .map((row) => ({ label: optionLabel(PROFILE_PROPERTY_OPTIONS, row.property), value: profile.properties[row.property] ?? '' })),
    { label: 'Groups', value: profile.groups.join(', ') },
  ];
  return { ok: true, message: `Connected. Found ${username}.`, user: { dn: entry.dn, properties, access } };
}

async function runTest(config: LdapConfig, username: string): Promise<ConnectionReport> {
  const as = config.anonymousLookup ? null : { dn: config.bindDn, password: config.bindPassword };
  const connection = await step(config, () => openConnection(config, as));
  try {
    await checkBaseDn(config, connection);
    return await describeUser(config, connection, username);
  } finally {
    await connection.close();
  }
}

/** Test Connection, answered within the connection timeout. `onFailure` logs what the directory said. */
export async function testLdapConnection(
  config: LdapConfig,
  username: string,
  onFailure: (error: unknown) => string,
): Promise<ConnectionReport> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ConnectionReport>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, message: describeFailure(config, 'timeout', null) }), config.timeoutMs);
  });
  try {
    return await Promise.race([runTest(config, username), timeout]);
  } catch (error) {
    const report = error instanceof ConnectionTestFailure ? error.report : describeFailure(config, 'other', error);
    return { ok: false, message: `${report} (reference ${onFailure(error instanceof ConnectionTestFailure ? error.cause : error)})` };
  } finally {
    clearTimeout(timer);
  }
}
