import 'server-only';

import { DirectoryUnavailableError } from '../errors';
import type { LdapConfig } from './config';
import { type Connection, isDirectoryAnswer, openConnection } from './connection';

/**
 * Connections pooled per realm, so a sign-in does not pay for a TCP and TLS handshake and a service bind each
 * time. A pool is a cache: it is keyed by the realm's configuration version, so a saved Data tab is never
 * served by connections made for the old settings. Each realm has two small pools: `lookup` connections are
 * bound as the service account (or anonymous) and search; `bind` connections only ever check a user's
 * password with a bind, so whoever they were last bound as never reads anything.
 */
export const MAX_CONNECTIONS = 4;
export const IDLE_CLOSE_MS = 30_000;

export type PoolKind = 'lookup' | 'bind';

class Pool {
  private readonly idle: { connection: Connection; timer: NodeJS.Timeout }[] = [];
  private readonly waiters: (() => void)[] = [];
  private retired = false;
  /** Connections open or being opened, idle or in use: never more than MAX_CONNECTIONS. */
  open = 0;

  constructor(
    readonly config: LdapConfig,
    private readonly kind: PoolKind,
  ) {}

  get idleCount(): number {
    return this.idle.length;
  }

  async use<T>(work: (connection: Connection) => Promise<T>, deadline: number): Promise<T> {
    const connection = await this.acquire(deadline);
    let reusable = false;
    try {
      const result = await work(connection);
      reusable = true;
      return result;
    } catch (error) {
      // An LDAP answer (wrong password, no such entry) leaves the connection fine; anything else may not have.
      reusable = isDirectoryAnswer(error);
      throw error;
    } finally {
      this.release(connection, reusable);
    }
  }

  retire(): void {
    this.retired = true;
    for (const { connection, timer } of this.idle.splice(0)) this.close(connection, timer);
  }

  private async acquire(deadline: number): Promise<Connection> {
    for (;;) {
      const entry = this.idle.pop();
      if (entry) {
        clearTimeout(entry.timer);
        if (entry.connection.isOpen) return entry.connection;
        this.open -= 1;
        continue;
      }
      if (this.open < MAX_CONNECTIONS) return this.connect();
      await this.waitForRelease(deadline);
    }
  }

  private async connect(): Promise<Connection> {
    this.open += 1;
    try {
      const { config } = this;
      const serviceAccount = this.kind === 'lookup' && !config.anonymousLookup;
      return await openConnection(config, serviceAccount ? { dn: config.bindDn, password: config.bindPassword } : null);
    } catch (error) {
      this.open -= 1;
      this.waiters.shift()?.();
      throw error;
    }
  }

  private waitForRelease(deadline: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiter = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(
        () => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          reject(new DirectoryUnavailableError(`all ${MAX_CONNECTIONS} ${this.kind} connections stayed busy until the timeout`));
        },
        Math.max(0, deadline - Date.now()),
      );
      this.waiters.push(waiter);
    });
  }

  private release(connection: Connection, reusable: boolean): void {
    if (reusable && !this.retired && connection.isOpen) {
      const timer = setTimeout(() => {
        const index = this.idle.findIndex((entry) => entry.connection === connection);
        if (index < 0) return;
        this.idle.splice(index, 1);
        this.close(connection, timer);
      }, IDLE_CLOSE_MS);
      timer.unref();
      this.idle.push({ connection, timer });
    } else {
      this.open -= 1;
      void connection.close();
    }
    this.waiters.shift()?.();
  }

  private close(connection: Connection, timer: NodeJS.Timeout): void {
    clearTimeout(timer);
    this.open -= 1;
    void connection.close();
  }
}

// A cache of connections (DESIGN "Data": caches keyed by a version read from the database are fine).
const pools = new Map<string, Pool>();

function poolFor(config: LdapConfig, kind: PoolKind): Pool {
  const key = `${config.realmId}:${kind}`;
  const existing = pools.get(key);
  if (existing?.config.version === config.version) return existing;
  existing?.retire();
  const pool = new Pool(config, kind);
  pools.set(key, pool);
  return pool;
}

/** Runs `work` on a pooled connection of the realm. */
export function withConnection<T>(
  config: LdapConfig,
  kind: PoolKind,
  deadline: number,
  work: (connection: Connection) => Promise<T>,
): Promise<T> {
  return poolFor(config, kind).use(work, deadline);
}

/** For tests: how many connections a realm's pool holds (open and idle), and the version it serves. */
export function describePool(realmId: string, kind: PoolKind): { open: number; idle: number; version: number } | null {
  const pool = pools.get(`${realmId}:${kind}`);
  return pool ? { open: pool.open, idle: pool.idleCount, version: pool.config.version } : null;
}

/** Closes every pooled connection (tests, shutdown). */
export function closeAllPools(): void {
  for (const pool of pools.values()) pool.retire();
  pools.clear();
}
