import net from 'node:net';

import { afterAll, beforeAll, describe, expect, inject, test, vi } from 'vitest';

import { testLdapConfig } from '@/test/ldap/config';

import { DirectoryUnavailableError } from '../errors';
import { IDLE_CLOSE_MS, MAX_CONNECTIONS, closeAllPools, describePool } from './pool';
import { ldapUserStore } from './store';

/** Connection pools and time bounds, against the test slapd and servers that misbehave on purpose. */

const ldap = inject('ldap');
const slapdPort = Number(new URL(ldap.url).port);

/** A TCP relay to slapd that records the first bytes of each connection and can drop them all. */
function startRelay() {
  const sockets: net.Socket[] = [];
  const firstBytes: Buffer[] = [];
  const server = net.createServer((client) => {
    const upstream = net.connect(slapdPort, '127.0.0.1');
    sockets.push(client, upstream);
    client.once('data', (chunk: Buffer) => firstBytes.push(chunk));
    client.pipe(upstream).pipe(client);
    for (const socket of [client, upstream]) socket.on('error', () => undefined);
  });
  return {
    firstBytes,
    listen: () =>
      new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port))),
    dropAll: () => sockets.splice(0).forEach((socket) => socket.destroy()),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const silentSockets: net.Socket[] = [];
const silent = net.createServer((socket) => silentSockets.push(socket));
let silentPort = 0;
beforeAll(async () => {
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as net.AddressInfo).port;
});
afterAll(async () => {
  closeAllPools();
  for (const socket of silentSockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

describe('LDAP connection pools', () => {
  test(`many sign-ins at once share at most ${MAX_CONNECTIONS} connections of each kind`, async () => {
    const config = testLdapConfig();
    const store = ldapUserStore(config);
    const results = await Promise.all(Array.from({ length: 12 }, () => store.authenticate('jane', 'jane password')));
    expect(results.every((result) => result.ok)).toBe(true);
    for (const kind of ['lookup', 'bind'] as const) {
      const pool = describePool(config.realmId, kind);
      expect(pool?.open).toBeGreaterThan(0);
      expect(pool?.open).toBeLessThanOrEqual(MAX_CONNECTIONS);
      expect(pool?.idle).toBe(pool?.open);
    }
  });

  test('a new configuration version gets a new pool, and the old one is closed', async () => {
    const config = testLdapConfig();
    await ldapUserStore(config).authenticate('jane', 'jane password');
    expect(describePool(config.realmId, 'lookup')).toEqual({ open: 1, idle: 1, version: 1 });
    // The saved Data tab now has a wrong service password: version 2 must not reuse version 1's bound connection.
    const changed = { ...config, version: 2, bindPassword: 'changed' };
    await expect(ldapUserStore(changed).authenticate('jane', 'jane password')).rejects.toThrow(DirectoryUnavailableError);
    expect(describePool(config.realmId, 'lookup')).toEqual({ open: 0, idle: 0, version: 2 });
  });

  test(`idle connections are closed after ${IDLE_CLOSE_MS / 1000} s`, async () => {
    const config = testLdapConfig();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      expect(await ldapUserStore(config).authenticate('jane', 'jane password')).toMatchObject({ ok: true });
      expect(describePool(config.realmId, 'bind')).toMatchObject({ open: 1, idle: 1 });
      vi.advanceTimersByTime(IDLE_CLOSE_MS - 1);
      expect(describePool(config.realmId, 'bind')).toMatchObject({ open: 1, idle: 1 });
      vi.advanceTimersByTime(1);
      expect(describePool(config.realmId, 'bind')).toMatchObject({ open: 0, idle: 0 });
      expect(describePool(config.realmId, 'lookup')).toMatchObject({ open: 0, idle: 0 });
    } finally {
      vi.useRealTimers();
    }
  });

  test('a connection the server dropped is never reused: with StartTLS, the next one starts with StartTLS again', async () => {
    const relay = startRelay();
    const port = await relay.listen();
    const config = testLdapConfig({ url: `ldap://127.0.0.1:${port}`, connectionMode: 'starttls', caCertificate: ldap.caPem });
    const store = ldapUserStore(config);
    expect(await store.authenticate('jane', 'jane password')).toMatchObject({ ok: true });
    relay.dropAll();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await store.authenticate('jane', 'jane password')).toMatchObject({ ok: true });
    // Every connection's first message is the StartTLS extended request (its OID), never a bind or search in clear.
    expect(relay.firstBytes.length).toBeGreaterThanOrEqual(4);
    for (const bytes of relay.firstBytes) expect(bytes.toString('latin1')).toContain('1.3.6.1.4.1.1466.20037');
    closeAllPools();
    await relay.close();
  });
});

describe('an unreachable directory', () => {
  test('nothing listening: "directory unavailable", not a failed sign-in', async () => {
    const store = ldapUserStore(testLdapConfig({ url: `ldap://127.0.0.1:${ldap.closedPort}` }));
    await expect(store.authenticate('jane', 'jane password')).rejects.toThrow(DirectoryUnavailableError);
    await expect(store.loadActiveUser('uid=jane,ou=people,dc=realmgate,dc=test')).rejects.toThrow(/directory is unavailable/);
  });

  test.each(['authenticate', 'findUser', 'loadActiveUser'] as const)(
    'a server that never answers: %s ends within the timeout',
    async (method) => {
      const store = ldapUserStore(testLdapConfig({ url: `ldap://127.0.0.1:${silentPort}`, timeoutMs: 300 }));
      const started = Date.now();
      const jane = 'uid=jane,ou=people,dc=realmgate,dc=test';
      const call = method === 'authenticate' ? store.authenticate('jane', 'x') : store[method](method === 'findUser' ? 'jane' : jane);
      await expect(call).rejects.toMatchObject({ name: 'DirectoryUnavailableError', reason: expect.stringMatching(/within 0\.3 s/) });
      expect(Date.now() - started).toBeLessThan(1000);
    },
  );
});
