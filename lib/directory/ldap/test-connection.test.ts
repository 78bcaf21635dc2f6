import net from 'node:net';

import { afterAll, beforeAll, describe, expect, inject, test, vi } from 'vitest';

import { testLdapConfig } from '@/test/ldap/config';
import { LDAP_BASE_DN } from '@/test/ldap/slapd';

import type { LdapConfig } from './config';
import { testLdapConnection } from './test-connection';

/** Test Connection against the test slapd: each failure names its reason, within the timeout. */

const ldap = inject('ldap');
const logged: unknown[] = [];
const run = (overrides: Partial<LdapConfig>, username = '') =>
  testLdapConnection(testLdapConfig(overrides), username, (error) => {
    logged.push(error);
    return 'REF';
  });

// A server that accepts connections and never answers: the timeout must still end the test.
let silent: net.Server;
let silentPort = 0;
const sockets: net.Socket[] = [];
beforeAll(async () => {
  silent = net.createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as net.AddressInfo).port;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

describe('Test Connection', () => {
  test('succeeds with the service account, base DN and Search Filter', async () => {
    expect(await run({})).toEqual({ ok: true, message: 'Connected: the service account, base DN and Search Filter work.' });
  });

  test('shows the mapped profile of a test username, and whether it may sign in', async () => {
    const report = await run({ groupCheckType: 'allow', userGroups: ['Finance'] }, 'jane');
    expect(report).toEqual({
      ok: true,
      message: 'Connected. Found jane.',
      user: {
        dn: `uid=jane,ou=people,${LDAP_BASE_DN}`,
        properties: [
          { label: 'Authenticated User ID', value: 'jane' },
          { label: 'First Name', value: 'Jane' },
          { label: 'Last Name', value: 'Doe' },
          { label: 'Email 2', value: 'jane@mail.realmgate.test' },
          { label: 'Aux ID 1', value: 'MC-1001' },
          { label: 'Phone 1', value: '+1 555 0100' },
          { label: 'Groups', value: 'Finance, Staff' },
        ],
        access: 'May sign in.',
      },
    });
  });

  test.each([
    ['a disabled AD account', { advancedAdUserCheck: true }, 'dave', 'Refused: the account is disabled (Advanced AD User Check).'],
    ['a user outside the allowed groups', { userGroups: ['Finance'] }, 'carol', 'Refused by User Group Check.'],
  ])('says when the test username may not sign in: %s', async (_, overrides, username, access) => {
    expect((await run(overrides, username)).user?.access).toBe(access);
  });

  test('says when no user matches the test username', async () => {
    expect(await run({}, 'nobody')).toEqual({ ok: true, message: 'Connected, but no user matches nobody with the Search Filter.' });
  });

  test.each([
    [
      'the host cannot be reached',
      () => ({ url: `ldap://127.0.0.1:${ldap.closedPort}` }),
      /^Cannot reach 127\.0\.0\.1:\d+: nothing answers there/,
    ],
    [
      'TLS fails: the server certificate is from an untrusted CA',
      () => ({ url: ldap.ldapsUrl, connectionMode: 'ssl' as const, caCertificate: ldap.otherCaPem }),
      /^The TLS connection to 127\.0\.0\.1:\d+ failed: its certificate is not signed by a CA Realmgate trusts/,
    ],
    [
      'TLS fails with StartTLS too',
      () => ({ connectionMode: 'starttls' as const }),
      /^The TLS connection to 127\.0\.0\.1:\d+ failed: its certificate is not signed by a CA Realmgate trusts/,
    ],
    [
      'the service credentials are wrong',
      () => ({ bindPassword: 'not the service secret' }),
      /^The directory refused the service account's Username or Password\./,
    ],
    [
      'the base DN is not found',
      () => ({ baseDn: `ou=missing,${LDAP_BASE_DN}` }),
      /^The base DN ou=missing,dc=realmgate,dc=test was not found in the directory/,
    ],
    [
      'the Search Filter is invalid',
      () => ({ searchFilter: '(&(uid=%v)(=broken))' }),
      /^The Search Filter is not a valid LDAP filter \(RFC 4515\)/,
    ],
  ])('names the reason when %s', async (_, overrides, message) => {
    const report = await run(overrides(), 'jane');
    expect(report.ok).toBe(false);
    expect(report.message).toMatch(message);
    expect(report.message).toMatch(/\(reference REF\)$/);
  });

  test('answers within the connection timeout when the server never answers', async () => {
    const started = Date.now();
    const report = await run({ url: `ldap://127.0.0.1:${silentPort}`, timeoutMs: 400 });
    expect(report).toEqual({ ok: false, message: `No answer from 127.0.0.1:${silentPort} within the connection timeout (0.4 s).` });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  test('never shows the service password, not even when the directory refuses it', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const password = 'Sup3r-secret-Pa55';
    const report = await run({ bindPassword: password }, 'jane');
    expect(JSON.stringify(report)).not.toContain(password);
    expect(JSON.stringify(logged.map(String))).not.toContain(password);
    error.mockRestore();
  });
});
