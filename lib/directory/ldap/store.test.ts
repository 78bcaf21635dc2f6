import { afterAll, describe, expect, inject, test } from 'vitest';

import { testLdapConfig } from '@/test/ldap/config';
import { LDAP_BASE_DN } from '@/test/ldap/slapd';

import { DirectoryUnavailableError } from '../errors';
import { MAX_GROUP_DEPTH, inChainGroups, isActiveDirectory } from './groups';
import { closeAllPools, describePool, withConnection } from './pool';
import { ldapUserStore } from './store';

/** The LDAP user store against the test slapd (test/ldap): seeded users, groups and AD-style accounts. */

const people = (uid: string) => `uid=${uid},ou=people,${LDAP_BASE_DN}`;
const JANE = people('jane');

afterAll(() => closeAllPools());

describe('LDAP user store: sign-in', () => {
  const store = ldapUserStore(testLdapConfig());

  test('signs a user in with the mapped profile: Profile Fields, the stored username, groups by name', async () => {
    expect(await store.authenticate('jane', 'jane password')).toEqual({
      ok: true,
      profile: {
        userId: JANE,
        username: 'jane',
        properties: {
          firstName: 'Jane',
          lastName: 'Doe',
          email2: 'jane@mail.realmgate.test',
          auxId1: 'MC-1001',
          phone1: '+1 555 0100',
          authenticatedUserId: 'jane',
        },
        groups: ['Finance', 'Staff'],
      },
      credentialStamp: 'ldap:133000000000000000:',
    });
  });

  test('the Search Attribute matches as the directory compares it; the stored spelling is the username', async () => {
    const result = await store.authenticate('JANE', 'jane password');
    expect(result).toMatchObject({ ok: true, profile: { username: 'jane', properties: { authenticatedUserId: 'jane' } } });
  });

  test.each([
    ['a wrong password', 'jane', 'not her password', 'wrong-password'],
    ['an unknown user', 'nobody', 'jane password', 'unknown-user'],
    // RFC 4513 §5.1.2: the test slapd, like AD, takes a DN with an empty password as an anonymous bind.
    ['an empty password', 'jane', '', 'wrong-password'],
  ])('refuses %s', async (_, username, password, reason) => {
    expect(await store.authenticate(username, password)).toEqual({ ok: false, reason });
  });

  // What the user types goes into the Search Filter escaped (RFC 4515): metacharacters match only themselves.
  test.each([
    ['a wildcard that would find jane', 'jan*', 'jane password', { ok: false, reason: 'unknown-user' }],
    ['a filter injection', 'jane)(uid=*', 'jane password', { ok: false, reason: 'unknown-user' }],
    ['an injection that ends the filter early', 'jane))(|(uid=*', 'jane password', { ok: false, reason: 'unknown-user' }],
    ['a NUL after the name', 'jane\0', 'jane password', { ok: false, reason: 'unknown-user' }],
    ['a username with a literal *', 'star*user', 'star password', { ok: true }],
    ['a username with parentheses and a backslash', 'paren(user)\\', 'paren password', { ok: true }],
  ])('%s: %s', async (_, username, password, expected) => {
    expect(await store.authenticate(username, password)).toMatchObject(expected);
  });

  test.each([
    ['Active Directory (sAMAccountName)', 'ad-samaccountname', 'sAMAccountName', 'jane'],
    ['Active Directory (UPN)', 'ad-upn', 'userPrincipalName', 'jane@realmgate.test'],
  ])('%s: signs in by the AD attribute of the test schema', async (_, dataStore, searchAttribute, username) => {
    const config = testLdapConfig({ dataStore, searchAttribute, searchFilter: `(&(${searchAttribute}=%v)(objectClass=person))` });
    const result = await ldapUserStore(config).authenticate(username, 'jane password');
    expect(result).toMatchObject({ ok: true, profile: { userId: JANE, username, properties: { authenticatedUserId: username } } });
  });

  test('Anonymous LookUp finds users without the service account; the password is still checked', async () => {
    const store = ldapUserStore(testLdapConfig({ anonymousLookup: true, bindDn: '', bindPassword: '' }));
    expect(await store.authenticate('jane', 'jane password')).toMatchObject({ ok: true, profile: { userId: JANE } });
    expect(await store.authenticate('jane', 'wrong')).toEqual({ ok: false, reason: 'wrong-password' });
  });

  test('a Search Filter that matches several entries signs no one in', async () => {
    const loose = ldapUserStore(testLdapConfig({ searchFilter: '(|(uid=%v)(objectClass=inetOrgPerson))' }));
    expect(await loose.authenticate('jane', 'jane password')).toEqual({ ok: false, reason: 'unknown-user' });
  });
});

describe('LDAP user store: Validate User Type', () => {
  test('Bind checks the password by binding as the user (on the realm’s bind connections)', async () => {
    const config = testLdapConfig({ validateUserType: 'bind' });
    expect(await ldapUserStore(config).authenticate('jane', 'jane password')).toMatchObject({ ok: true });
    expect(describePool(config.realmId, 'bind')).toMatchObject({ open: 1 });
  });

  test('Search compares the password with the service account and never binds as the user', async () => {
    const config = testLdapConfig({ validateUserType: 'search' });
    const store = ldapUserStore(config);
    expect(await store.authenticate('jane', 'jane password')).toMatchObject({ ok: true, profile: { username: 'jane' } });
    expect(await store.authenticate('jane', 'wrong')).toEqual({ ok: false, reason: 'wrong-password' });
    expect(await store.authenticate('jane', '')).toEqual({ ok: false, reason: 'wrong-password' });
    expect(describePool(config.realmId, 'bind')).toBeNull();
  });
});

describe('LDAP user store: Advanced AD User Check', () => {
  const checked = ldapUserStore(testLdapConfig({ advancedAdUserCheck: true }));

  test.each([
    ['disabled (userAccountControl 514)', 'dave'],
    ['locked (lockoutTime > 0)', 'lou'],
  ])('refuses an account that is %s, after its password', async (_, uid) => {
    expect(await checked.authenticate(uid, `${uid} password`)).toEqual({ ok: false, reason: 'disabled' });
    expect(await checked.authenticate(uid, 'wrong')).toEqual({ ok: false, reason: 'wrong-password' });
    expect(await checked.findUser(uid)).toBeNull();
    expect(await checked.loadActiveUser(people(uid))).toBeNull();
  });

  test('lets an enabled account in, and without the check lets the disabled one in too', async () => {
    expect(await checked.authenticate('jane', 'jane password')).toMatchObject({ ok: true });
    const unchecked = ldapUserStore(testLdapConfig({ advancedAdUserCheck: false }));
    expect(await unchecked.authenticate('dave', 'dave password')).toMatchObject({ ok: true });
  });
});

describe('LDAP user store: User Group Check', () => {
  const store = (overrides: Parameters<typeof testLdapConfig>[0]) => ldapUserStore(testLdapConfig(overrides));

  test.each([
    ['Allow Access lets a member in', { groupCheckType: 'allow', userGroups: ['Finance'] }, 'jane', true],
    ['Allow Access keeps a non-member out', { groupCheckType: 'allow', userGroups: ['Finance'] }, 'carol', false],
    [
      'Allow Access names the group by DN too',
      { groupCheckType: 'allow', userGroups: [`CN=finance,ou=groups,${LDAP_BASE_DN}`] },
      'jane',
      true,
    ],
    ['Deny Access keeps a member out', { groupCheckType: 'deny', userGroups: ['finance'] }, 'jane', false],
    ['Deny Access lets a non-member in', { groupCheckType: 'deny', userGroups: ['Finance'] }, 'carol', true],
    ['no User Groups: no restriction', { groupCheckType: 'allow', userGroups: [] }, 'carol', true],
  ] as const)('%s', async (_, rule, uid, allowed) => {
    const result = await store({ ...rule, userGroups: [...rule.userGroups] }).authenticate(uid, `${uid} password`);
    expect(result).toMatchObject(allowed ? { ok: true } : { ok: false, reason: 'disabled' });
  });

  test('the group rule ends a session: loadActiveUser and findUser refuse a user outside the allowed groups', async () => {
    const allowFinance = store({ groupCheckType: 'allow', userGroups: ['Finance'] });
    expect(await allowFinance.loadActiveUser(people('carol'))).toBeNull();
    expect(await allowFinance.findUser('carol')).toBeNull();
    expect(await allowFinance.loadActiveUser(JANE)).toMatchObject({ profile: { username: 'jane' } });
  });
});

describe('LDAP user store: Include Nested Groups', () => {
  test('without it, only the Groups Field of the user counts', async () => {
    const result = await ldapUserStore(testLdapConfig()).findUser('carol');
    expect(result?.profile.groups).toEqual(['Platform', 'LoopA']);
  });

  test('with it, the walk finds groups of groups, and stops at a membership loop', async () => {
    const result = await ldapUserStore(testLdapConfig({ includeNestedGroups: true })).findUser('carol');
    expect([...(result?.profile.groups ?? [])].sort()).toEqual(['Engineering', 'LoopA', 'LoopB', 'Platform', 'Staff']);
  });

  test.each([
    [true, { ok: true }],
    [false, { ok: false, reason: 'disabled' }],
  ])('Allow Access to Staff, nested %s: carol (Staff through Platform → Engineering)', async (includeNestedGroups, expected) => {
    const config = testLdapConfig({ includeNestedGroups, groupCheckType: 'allow', userGroups: ['Staff'] });
    expect(await ldapUserStore(config).authenticate('carol', 'carol password')).toMatchObject(expected);
  });
});

test("slapd is no Active Directory: nested groups are walked there; AD's in-chain rule would find nothing", async () => {
  const config = testLdapConfig();
  await withConnection(config, 'lookup', Date.now() + 5000, async (connection) => {
    expect(await isActiveDirectory(connection)).toBe(false);
    // OpenLDAP takes the extensible filter and matches nothing: why the rule is used only where the root DSE says AD.
    expect(await inChainGroups(connection, config, people('carol'))).toEqual([]);
  });
});

test(`the nested-group walk stops at ${MAX_GROUP_DEPTH} levels and refuses rather than guess`, async () => {
  const store = ldapUserStore(testLdapConfig({ includeNestedGroups: true, groupCheckType: 'deny', userGroups: ['Deep11'] }));
  await expect(store.authenticate('deep', 'deep password')).rejects.toMatchObject({
    name: 'DirectoryUnavailableError',
    reason: `nested groups go deeper than ${MAX_GROUP_DEPTH} levels`,
  });
  const shallow = await ldapUserStore(testLdapConfig({ includeNestedGroups: false })).authenticate('deep', 'deep password');
  expect(shallow).toMatchObject({ ok: true, profile: { groups: ['Deep1'] } });
});

describe('LDAP user store: users found earlier (username-first workflows, SSO sessions)', () => {
  const store = ldapUserStore(testLdapConfig());

  test('findUser checks no password; verifyPassword checks it for the DN found', async () => {
    const found = await store.findUser('jane');
    expect(found?.profile.userId).toBe(JANE);
    expect(await store.verifyPassword(JANE, 'jane password')).toMatchObject({ ok: true, profile: { username: 'jane' } });
    expect(await store.verifyPassword(JANE, 'nope')).toEqual({ ok: false, reason: 'wrong-password' });
    expect(await store.findUser('nobody')).toBeNull();
  });

  test('loadActiveUser knows no user outside the base DN, even one the Search Filter matches', async () => {
    const people = ldapUserStore(testLdapConfig({ baseDn: `ou=people,${LDAP_BASE_DN}`, searchFilter: '(&(cn=%v)(objectClass=*))' }));
    const service = `cn=service,ou=system,${LDAP_BASE_DN}`;
    expect(await people.loadActiveUser(service)).toBeNull();
    expect(await people.verifyPassword(service, 'service secret')).toEqual({ ok: false, reason: 'unknown-user' });
  });

  test.each([
    ['a DN that does not exist', people('gone')],
    ['a DN outside the base DN', 'cn=admin,dc=elsewhere,dc=test'],
    ['an entry the Search Filter does not match', `cn=service,ou=system,${LDAP_BASE_DN}`],
  ])('loadActiveUser and verifyPassword know no user at %s', async (_, dn) => {
    expect(await store.loadActiveUser(dn)).toBeNull();
    expect(await store.verifyPassword(dn, 'service secret')).toEqual({ ok: false, reason: 'unknown-user' });
  });
});

describe('LDAP user store: TLS', () => {
  const ldap = inject('ldap');

  test.each([
    ['ldaps:// with the CA certificate', { url: ldap.ldapsUrl, connectionMode: 'ssl', caCertificate: ldap.caPem }],
    ['StartTLS with the CA certificate', { connectionMode: 'starttls', caCertificate: ldap.caPem }],
    ['ldaps:// with verification turned off', { url: ldap.ldapsUrl, connectionMode: 'ssl', caCertificate: '', verifyTls: false }],
  ] as const)('signs in over %s', async (_, overrides) => {
    expect(await ldapUserStore(testLdapConfig(overrides)).authenticate('jane', 'jane password')).toMatchObject({ ok: true });
  });

  test.each([
    ['ldaps://', { url: ldap.ldapsUrl, connectionMode: 'ssl' }],
    ['StartTLS', { connectionMode: 'starttls' }],
  ] as const)('refuses a server certificate from a CA it does not trust (%s)', async (_, overrides) => {
    const store = ldapUserStore(testLdapConfig({ ...overrides, caCertificate: ldap.otherCaPem }));
    await expect(store.authenticate('jane', 'jane password')).rejects.toThrow(DirectoryUnavailableError);
  });
});
