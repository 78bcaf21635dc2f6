import net from 'node:net';

import { afterAll, afterEach, beforeAll, describe, expect, inject, test, vi } from 'vitest';

import { TEST_ADMIN } from '@/test/admin';
import { LDAP_BASE_DN, LDAP_SERVICE } from '@/test/ldap/slapd';

import { createRealm } from './realm-list-repository';
import { type TabValues, loadTab, saveTab } from './repository';
import { testConnection } from './test-connection';

/** The Data tab's Test Connection action: the form's values, and the stored password only for the saved server. */

const ldap = inject('ldap');
let saved: { realmId: string; values: TabValues['data'] };

// A server that counts who connects: a stored password must never be offered to it.
let connections = 0;
const listener = net.createServer((socket) => {
  connections += 1;
  socket.destroy();
});
let listenerPort = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  listenerPort = (listener.address() as net.AddressInfo).port;
  const realm = await createRealm(TEST_ADMIN, 'Test Connection');
  const loaded = await loadTab(realm.id, 'data');
  const values: TabValues['data'] = {
    ...loaded.values,
    dataStore: 'openldap',
    connectionString: `${ldap.url}/${LDAP_BASE_DN}`,
    ldapUsername: LDAP_SERVICE.dn,
    ldapPassword: { isSet: false, replacement: LDAP_SERVICE.password },
    profileFields: loaded.values.profileFields.map((row) => (row.property === 'email2' ? { ...row, field: 'mail' } : row)),
  };
  saved = { realmId: realm.id, values: (await saveTab(TEST_ADMIN, realm.id, 'data', values, loaded.version)).values };
});
afterAll(() => new Promise((resolve) => listener.close(resolve)));
afterEach(() => vi.restoreAllMocks());

describe('Test Connection (server action)', () => {
  test('tests the saved settings with the stored password, and shows the test user', async () => {
    const report = await testConnection(saved.realmId, { values: saved.values, testUsername: 'jane' });
    expect(report).toMatchObject({ ok: true, message: 'Connected. Found jane.' });
    expect(report.user?.properties).toContainEqual({ label: 'Email 2', value: 'jane@mail.realmgate.test' });
  });

  test('never sends the stored password to a server typed in the form: it asks for the password again', async () => {
    const elsewhere = { ...saved.values, connectionString: `ldap://127.0.0.1:${listenerPort}/${LDAP_BASE_DN}` };
    const report = await testConnection(saved.realmId, { values: elsewhere, testUsername: '' });
    expect(report).toEqual({ ok: false, message: expect.stringMatching(/The server changed: enter the password again/) });
    expect(connections).toBe(0);
  });

  test('uses a password typed in the form, for any server', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const typed = { ...saved.values, ldapPassword: { isSet: true, replacement: 'typed, not stored' } };
    const report = await testConnection(saved.realmId, { values: typed, testUsername: '' });
    expect(report.message).toMatch(/^The directory refused the service account's Username or Password\./);
  });

  test.each([
    ['the local directory', { dataStore: 'local' }, 'Test Connection is for LDAP data stores.'],
    [
      'values that break a rule of the tab',
      { searchFilter: '(uid=x)' },
      'The filter must contain %v where the username goes, e.g. (&(uid=%v)(objectClass=*))',
    ],
  ])('refuses %s', async (_, change, message) => {
    expect(await testConnection(saved.realmId, { values: { ...saved.values, ...change }, testUsername: '' })).toEqual({
      ok: false,
      message,
    });
  });

  test('an unknown realm', async () => {
    expect(await testConnection('no-such-realm', { values: saved.values, testUsername: '' })).toEqual({
      ok: false,
      message: 'This realm does not exist.',
    });
  });

  test('allows 10 tests a minute per realm (counted in the database), then asks to wait', async () => {
    const realm = await createRealm(TEST_ADMIN, 'Throttled tests');
    const { values } = await loadTab(realm.id, 'data');
    const input = {
      values: { ...saved.values, ldapPassword: { isSet: false, replacement: LDAP_SERVICE.password }, profileFields: values.profileFields },
      testUsername: '',
    };
    const reports = [];
    for (let i = 0; i < 11; i += 1) reports.push(await testConnection(realm.id, input));
    expect(reports.slice(0, 10).every((report) => report.ok)).toBe(true);
    expect(reports[10]).toEqual({ ok: false, message: 'Too many connection tests for this realm: wait a minute before the next one.' });
  });
});
