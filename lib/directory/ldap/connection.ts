import 'server-only';

import { type Socket, isIP, connect as netConnect } from 'node:net';
import { type ConnectionOptions, rootCertificates, connect as tlsConnect } from 'node:tls';

import { Client, type Entry, InvalidCredentialsError, NoSuchObjectError, ResultCodeError, type SearchOptions } from 'ldapts';

import { recordLdapCall, timed } from '@/lib/metrics';

import type { LdapConfig } from './config';

/**
 * One LDAP connection, as the pools hand it out. ldapts re-opens a dropped connection on its own, silently:
 * unbound, and after StartTLS in clear text. A Connection refuses that: once its socket is gone, every call
 * fails and the pool throws it away, so a password is never sent over a connection we did not set up.
 */
export class Connection {
  constructor(
    private readonly client: Client,
    /** Set when any socket of this connection closes (ldapts misses that after StartTLS). */
    private readonly sockets: { closed: boolean },
  ) {}

  get isOpen(): boolean {
    return !this.sockets.closed && this.client.isConnected;
  }

  private live(): Client {
    if (!this.isOpen) throw new ConnectionLostError();
    return this.client;
  }

  bind(dn: string, password: string): Promise<void> {
    return measured('bind', () => this.live().bind(dn, password));
  }

  compare(dn: string, attribute: string, value: string): Promise<boolean> {
    return measured('compare', () => this.live().compare(dn, attribute, value));
  }

  async search(base: string, options: SearchOptions): Promise<Entry[]> {
    return measured('search', async () => (await this.live().search(base, options)).searchEntries);
  }

  async close(): Promise<void> {
    this.sockets.closed = true;
    await this.client.unbind().catch(() => undefined);
  }
}

export class ConnectionLostError extends Error {
  constructor() {
    super('The connection to the directory was closed');
  }
}

/** TLS as the Data tab says: verified against the system's CAs plus the realm's CA certificate, unless turned off. */
export function tlsOptionsOf(config: Pick<LdapConfig, 'caCertificate' | 'verifyTls'>): ConnectionOptions {
  return {
    ca: config.caCertificate ? [...rootCertificates, config.caCertificate] : undefined,
    rejectUnauthorized: config.verifyTls,
    minVersion: 'TLSv1.2',
  };
}

/** Opens a connection (StartTLS when asked), and binds when `as` is given. Every step is bounded by the timeout. */
export async function openConnection(config: LdapConfig, as: { dn: string; password: string } | null): Promise<Connection> {
  const tlsOptions = tlsOptionsOf(config);
  // ldapts speaks TLS from the start whenever it is given TLS options: only ldaps:// gets them here.
  const secure = config.url.startsWith('ldaps:');
  const sockets = { closed: false };
  let connects = 0;
  // Our own socket factories: they see every socket close, and refuse the silent reconnect (a second connect).
  const watch = <S extends Socket>(socket: S): S => socket.once('close', () => (sockets.closed = true));
  const client = new Client({
    url: config.url,
    timeout: config.timeoutMs,
    connectTimeout: config.timeoutMs,
    tlsOptions: secure ? tlsOptions : undefined,
    createConnection: ((...args: Parameters<typeof netConnect>) => {
      if ((connects += 1) > 1) throw new ConnectionLostError();
      return watch(netConnect(...args));
    }) as typeof netConnect,
    createSecureConnection: ((...args: Parameters<typeof tlsConnect>) => {
      const upgrade = typeof args[0] === 'object' && 'socket' in args[0];
      if (!upgrade && (connects += 1) > 1) throw new ConnectionLostError();
      return watch(tlsConnect(...args));
    }) as typeof tlsConnect,
  });
  const connection = new Connection(client, sockets);
  try {
    await measured('connect', () => connectClient(client, config, tlsOptions, as));
    return connection;
  } catch (error) {
    await connection.close();
    throw error;
  }
}

/** StartTLS when asked, then the bind (or an anonymous root DSE read, which says whether anyone answers). */
async function connectClient(
  client: Client,
  config: LdapConfig,
  tlsOptions: ConnectionOptions,
  as: { dn: string; password: string } | null,
) {
  if (config.connectionMode === 'starttls') {
    // ldapts hands these to tls.connect with the plain socket: the host is what the certificate must name, and
    // SNI carries names only (RFC 6066 §3).
    const host = new URL(config.url).hostname.replace(/^\[|\]$/g, '');
    await client.startTLS({ ...tlsOptions, host, servername: isIP(host) ? undefined : host });
  }
  if (as) await client.bind(as.dn, as.password);
  else await client.search('', { scope: 'base', attributes: ['1.1'] }); // connects (and says whether anyone answers)
}

/** /metrics: each call's latency; an error is a failure to talk to the directory, not an answer such as a wrong password. */
const measured = <T>(operation: string, call: () => Promise<T>): Promise<T> =>
  timed(call, (seconds, failed, error) => recordLdapCall(operation, seconds, failed && !isDirectoryAnswer(error)));

/** What went wrong talking to a directory, in the words Test Connection and the log use. */
export type LdapFailure = 'unreachable' | 'timeout' | 'tls' | 'credentials' | 'base-dn' | 'other';

const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE']);

export function classifyLdapError(error: unknown): LdapFailure {
  if (error instanceof InvalidCredentialsError) return 'credentials';
  if (error instanceof NoSuchObjectError) return 'base-dn';
  if (error instanceof ResultCodeError) return 'other';
  if (error instanceof ConnectionLostError) return 'unreachable';
  const { code = '', message = '' } = (error ?? {}) as { code?: string; message?: string };
  if (UNREACHABLE.has(code)) return 'unreachable';
  if (/timed? ?out/i.test(message) || code === 'ETIMEDOUT') return 'timeout';
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/i.test(code) || /certificate|ssl|tls/i.test(message)) return 'tls';
  if (/closed|socket/i.test(message)) return 'unreachable';
  return 'other';
}

/** An LDAP result (the directory answered); anything else means the connection cannot be trusted any more. */
export function isDirectoryAnswer(error: unknown): boolean {
  return error instanceof ResultCodeError;
}
