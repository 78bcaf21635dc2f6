// Values stored before the forms refused them (or written around the forms): sign-in and metadata answer with
// a page or a status that says what is wrong, never a 500, and the log names the field, never the value.
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';

import { db } from '@/lib/db';
import { listUsers } from '@/lib/directory/repository';
import { createRealm } from '@/lib/realm/realm-list-repository';
import { defined } from '@/test/defined';
import { TEST_ADMIN } from '@/test/admin';

import { handleRealmGet } from './endpoint';
import { handleMetadata } from './metadata';
import { NOW, PASSWORD, addUser, cookieHeader, cookiesOf, realmValues, setUpSsoRealm, signInForm, sso, url } from './test-realm';

beforeAll(setUpSsoRealm);

afterEach(() => {
  vi.restoreAllMocks();
});

const MARKER = 'stored-value-marker';

async function brokenRealm(name: string, breakIt: (realmId: string) => Promise<unknown>) {
  const realm = await createRealm(TEST_ADMIN, name, realmValues);
  await breakIt(realm.id);
  return realm;
}

const metadata = (slug: string, query = '?domain=idp.example.com') =>
  handleMetadata(new Request(`http://idp.test/sso/${slug}/metadata${query}`), slug);

function logged() {
  return vi.spyOn(console, 'error').mockImplementation(() => undefined);
}

describe('a realm with a stored value that XML cannot carry', () => {
  test.each<[string, (realmId: string) => Promise<unknown>, RegExp]>([
    [
      'a control character in the Issuer',
      (realmId) => db.realmPostAuth.update({ where: { realmId }, data: { issuer: `urn:${MARKER}\u0001` } }),
      /issuer: Remove the invisible control character U\+0001/,
    ],
    [
      'U+FFFF in the Audience',
      (realmId) => db.realmPostAuth.update({ where: { realmId }, data: { audience: `${MARKER}\uFFFF` } }),
      /audience: Remove the noncharacter U\+FFFF/,
    ],
    [
      'a private-use character in an attribute name',
      (realmId) => db.realmSamlAttribute.updateMany({ where: { realmId }, data: { name: `${MARKER}\uE000` } }),
      /samlAttributes\.0\.name: Remove the private-use character/,
    ],
  ])('with %s: sign-in shows "not set up correctly" (503)', async (_case, breakIt, reason) => {
    const realm = await brokenRealm(`Stored ${Math.random()}`, breakIt);
    const errors = logged();
    const response = await signInForm('jane', PASSWORD, realm.slug);
    const html = await response.text();
    expect(response.status).toBe(503);
    expect(html).toContain('not set up correctly');
    expect(html).not.toContain('SAMLResponse');
    expect(errors.mock.calls.join()).toMatch(reason);
    expect(errors.mock.calls.join()).not.toContain(MARKER);
  });

  test('metadata with a control character in the Issuer is a 503 with a reference, not a 500', async () => {
    const realm = await brokenRealm('Stored issuer metadata', (realmId) =>
      db.realmPostAuth.update({ where: { realmId }, data: { issuer: `urn:${MARKER}\u0007` } }),
    );
    const errors = logged();
    const response = await metadata(realm.slug);
    expect(response.status).toBe(503);
    expect(await response.text()).toMatch(/^This realm is not set up correctly \(reference [0-9A-F]{8}\)\.\n$/);
    expect(errors.mock.calls.join()).toMatch(/stored Post Authentication issuer cannot be published/);
    expect(errors.mock.calls.join()).not.toContain(MARKER);
  });

  test.each(['999.999.999.999', '4294967296', '256.256.256.256', '0x7f.1'])(
    'a stored Domain of %s makes metadata a 400, not a 500',
    async (domain) => {
      const realm = await brokenRealm(`Stored domain ${domain}`, (realmId) =>
        db.realmPostAuth.update({ where: { realmId }, data: { metadataDomain: domain } }),
      );
      const response = await metadata(realm.slug, '');
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/is not a domain/);
    },
  );
});

describe('a user with a stored value that XML cannot carry', () => {
  async function userWith(username: string, data: { email2?: string; groups?: string }) {
    await addUser(username, `${username}@example.com`);
    const { users } = await listUsers(username);
    await db.directoryUser.update({ where: { id: defined(users[0]).id }, data });
    return defined(users[0]).id;
  }

  test.each<[string, string, { email2?: string; groups?: string }, RegExp]>([
    ['a control character in Email 2 (the Name ID)', 'ctrl.email2', { email2: `${MARKER}\u0007@example.com` }, /Email 2/],
    ['U+FFFE in Email 2', 'nonchar.email2', { email2: `${MARKER}\uFFFE@example.com` }, /Email 2/],
    ['a control character in a group the attribute sends', 'ctrl.group', { groups: `Finance${MARKER}\u0001\nStaff` }, /Groups/],
  ])('with %s: sign-in shows the user-specific page (403)', async (_case, username, data, property) => {
    const userId = await userWith(username, data);
    const errors = logged();
    const response = await signInForm(username, PASSWORD);
    const html = await response.text();
    expect(response.status).toBe(403);
    expect(html).toMatch(/Your account&#39;s (Email 2|Groups) holds a character that this application cannot receive/);
    expect(html).not.toContain('SAMLResponse');
    expect(errors.mock.calls.join()).toMatch(property);
    expect(errors.mock.calls.join()).toContain(`user ${userId}`);
    expect(errors.mock.calls.join()).not.toContain(MARKER);
  });

  test('a group the filter does not send may hold anything', async () => {
    await userWith('ctrl.unsent', { groups: `Finance\nStaff${MARKER}\u0001` });
    const response = await signInForm('ctrl.unsent', PASSWORD);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('SAMLResponse');
  });

  test('the SSO cookie of such a user leads to the same page, not a 500', async () => {
    await addUser('later.broken', 'later@example.com');
    const cookie = cookieHeader(cookiesOf(await signInForm('later.broken', PASSWORD)));
    const { users } = await listUsers('later.broken');
    await db.directoryUser.update({ where: { id: defined(users[0]).id }, data: { email2: 'later\u0008x@example.com' } });
    logged();
    const again = await handleRealmGet(new Request(url(), { headers: { cookie } }), sso.slug, NOW + 60_000);
    expect(again.status).toBe(403);
  });
});
