import { afterAll, beforeAll, describe, expect, inject, test, vi } from 'vitest';

import { db } from '@/lib/db';
import { closeAllPools } from '@/lib/directory/ldap/pool';
import { renderMetrics, resetMetrics } from '@/lib/metrics';
import { createRealm } from '@/lib/realm/realm-list-repository';
import { loadTab, saveTab } from '@/lib/realm/repository';
import type { TabValues } from '@/lib/realm/schemas';
import { TEST_ADMIN } from '@/test/admin';
import { LDAP_BASE_DN, LDAP_SERVICE } from '@/test/ldap/slapd';

import { NOW, cookieHeader, cookiesOf, realmValues, samlResponseOf, setUpSsoRealm, signInForm, spProfile, sso } from './test-realm';
import { handleRealmGet } from './endpoint';

/** Sign-in at /sso/<realm> against the test slapd: the Data tab as saved, the assertion as an SP reads it. */

const ldap = inject('ldap');
const PROFILE_FIELDS: Record<string, string> = { firstName: 'givenName', email2: 'mail', auxId1: 'mimecastId' };

function ldapRealm(url: string) {
  return (defaults: TabValues): TabValues => {
    const values = realmValues(defaults);
    return {
      ...values,
      data: {
        ...values.data,
        dataStore: 'openldap',
        connectionString: `${url}/${LDAP_BASE_DN}`,
        connectionMode: 'standard',
        ldapUsername: LDAP_SERVICE.dn,
        ldapPassword: { isSet: false, replacement: LDAP_SERVICE.password },
        groupCheckType: 'deny',
        userGroups: 'Engineering',
        includeNestedGroups: true,
        connectionTimeoutSeconds: 2,
        profileFields: values.data.profileFields.map((row) => ({ ...row, field: PROFILE_FIELDS[row.property] ?? '' })),
      },
    };
  };
}

beforeAll(async () => {
  await setUpSsoRealm();
  sso.slug = (await createRealm(TEST_ADMIN, 'LDAP Realm', ldapRealm(ldap.url))).slug;
});
afterAll(() => closeAllPools());

const failuresOf = (username: string) => db.signInFailure.findFirst({ where: { usernameKey: username }, select: { count: true } });

describe('signing in at a realm whose Data tab is Open LDAP', () => {
  test('an LDAP user gets an assertion whose NameID is their mapped mail (Email 2)', async () => {
    resetMetrics();
    const response = await signInForm('jane', 'jane password');
    // /metrics: the directory's calls with their latency.
    expect(renderMetrics()).toMatch(/^realmgate_ldap_seconds_count\{operation="search",outcome="success"\} [1-9]/m);
    expect(response.status).toBe(200);
    const profile = await spProfile((await samlResponseOf(response)).samlResponse);
    expect(profile.nameID).toBe('jane@mail.realmgate.test');
    expect(profile.groups).toBe('Finance'); // Group List filtered by F*: groups come from memberOf
    // The SSO session re-reads the user from the directory on the next visit and posts again.
    const again = await handleRealmGet(
      new Request(`http://idp.test/sso/${sso.slug}`, { headers: { cookie: cookieHeader(cookiesOf(response)) } }),
      sso.slug,
      NOW,
    );
    expect(await samlResponseOf(again)).toMatchObject({ samlResponse: expect.any(String) });
  });

  test('a wrong password and a user of a denied (nested) group get the one message', async () => {
    for (const [username, password] of [
      ['jane', 'wrong'],
      ['carol', 'carol password'], // Platform → Engineering: denied
    ]) {
      const response = await signInForm(username ?? '', password ?? '');
      expect(response.status).toBe(401);
      expect(await response.text()).toContain('The username or password is incorrect.');
    }
  });

  test('an unreachable directory: a "directory unavailable" page with a reference, and no lockout count', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const realm = await createRealm(TEST_ADMIN, 'Unreachable LDAP', ldapRealm(`ldap://127.0.0.1:${ldap.closedPort}`));
    const before = await failuresOf('bob');
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const response = await signInForm('bob', 'any password', realm.slug);
      expect(response.status).toBe(503);
      const html = await response.text();
      expect(html).toContain('The directory is unavailable');
      expect(html).toMatch(/Reference: <span class="reference">[0-9A-F]{8}<\/span>/);
    }
    expect(renderMetrics()).toMatch(/^realmgate_ldap_errors_total\{operation="connect"\} [1-9]/m);
    // Max Invalid Attempts is 3: four unanswered attempts would have locked bob out had they counted.
    expect((await failuresOf('bob'))?.count ?? 0).toBe(before?.count ?? 0);
    expect(log.mock.calls.map(([line]) => String(line)).join('\n')).toMatch(
      /"reason":"ldap:\/\/127\.0\.0\.1:\d+: authenticate failed \(unreachable\)/,
    );
    log.mockRestore();
  });

  test('a saved Data tab is used at once: the next sign-in reads the new settings (pools keyed by version)', async () => {
    const realm = await db.realm.findUniqueOrThrow({ where: { slug: sso.slug }, select: { id: true } });
    const { values, version } = await loadTab(realm.id, 'data');
    await saveTab(TEST_ADMIN, realm.id, 'data', { ...values, groupCheckType: 'allow', userGroups: 'Engineering' }, version);
    expect((await signInForm('carol', 'carol password')).status).toBe(200);
    expect((await signInForm('jane', 'jane password')).status).toBe(401);
  });
});
