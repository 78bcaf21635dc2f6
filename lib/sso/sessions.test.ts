import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';

import { db } from '@/lib/db';
import { localUserStore } from '@/lib/directory/local';
import { deleteUser, listUsers, setUserDisabled, setUserPassword } from '@/lib/directory/repository';
import { AppError } from '@/lib/errors';
import { listChangeRecords } from '@/lib/history/repository';
import { TEST_ADMIN } from '@/test/admin';
import { defined } from '@/test/defined';
import { startSmtpSink } from '@/test/smtp-sink';

import { handleRealmGet } from './endpoint';
import { handleLogoutGet, handleLogoutPost } from './logout';
import { NOW, PASSWORD, addUser, browser, type TestBrowser, setUpSsoRealm } from './test-realm';
import { type Sink, read, realmWith, walkWorkflow } from './test-workflow';
import { endUserSession, loadUserSignIns, resetUserTotp } from './user-sign-ins';
import { requestQuery } from './request-read';

let sink: Sink;
beforeAll(async () => {
  await setUpSsoRealm();
  sink = await startSmtpSink();
});
afterAll(() => sink.close());
afterEach(() => {
  vi.restoreAllMocks();
});

let users = 0;
async function signedIn() {
  const username = `sess${(users += 1)}`;
  await addUser(username, `${username}.mimecast@example.com`);
  const realm = await realmWith(sink, 'username-password');
  const client = browser(realm.slug);
  expect(await (await walkWorkflow(client, 'username-password', { sink, username })).text()).toContain('SAMLResponse');
  const userId = defined((await listUsers(username)).users[0]).id;
  return { realm, client, username, userId, cookieName: `realmgate_${realm.slug}` };
}

/** A second browser with a copy of the first one's SSO cookie (as someone who copied it would have). */
function copyOf(client: TestBrowser, slug: string, cookieName: string): TestBrowser {
  const copy = browser(slug);
  copy.jar.set(cookieName, client.jar.get(cookieName) ?? '');
  return copy;
}

const isSignedIn = async (client: TestBrowser, now = NOW + 60_000) => (await read(await client.get(now))).html.includes('SAMLResponse');

describe('SSO sessions', () => {
  test('a cookie once opened (kept in the process) still names its session only at its own realm, and only unaltered', async () => {
    const first = await signedIn();
    const second = await signedIn();
    const sealed = first.client.jar.get(first.cookieName) ?? '';
    expect(await isSignedIn(first.client)).toBe(true); // opened, and kept
    const elsewhere = browser(second.realm.slug);
    elsewhere.jar.set(second.cookieName, sealed);
    expect(await isSignedIn(elsewhere)).toBe(false);
    const altered = browser(first.realm.slug);
    altered.jar.set(first.cookieName, `${sealed.slice(0, -2)}${sealed.endsWith('AA') ? 'BB' : 'AA'}`);
    expect(await isSignedIn(altered)).toBe(false);
    expect(await isSignedIn(copyOf(first.client, first.realm.slug, first.cookieName))).toBe(true);
  });

  test('sign-out asks first, then ends the session on the server: a copied cookie stops working', async () => {
    const { realm, client, cookieName } = await signedIn();
    const copy = copyOf(client, realm.slug, cookieName);
    expect(await isSignedIn(copy)).toBe(true);
    const question = await read(client.keep(await handleLogoutGet(client.subRequest('/logout'), realm.slug, NOW)));
    expect(question.html).toContain('<button type="submit">Sign out</button>');
    expect(await isSignedIn(client)).toBe(true); // asking signs no one out

    const forged = await handleLogoutPost(client.subRequest('/logout', { csrf: 'A'.repeat(64) }), realm.slug);
    expect(forged.status).toBe(400);
    expect(await isSignedIn(client)).toBe(true);

    const done = await handleLogoutPost(client.subRequest('/logout', {}), realm.slug);
    expect(await done.text()).toContain('You are signed out.');
    expect(done.headers.getSetCookie()).toContain(`${cookieName}=; Path=/sso/${realm.slug}; HttpOnly; SameSite=Lax; Secure; Max-Age=0`);
    client.keep(done);
    expect(await isSignedIn(client)).toBe(false);
    expect(await isSignedIn(copy)).toBe(false);
    expect(await db.ssoSession.count({ where: { realmId: realm.id } })).toBe(0);
  });

  test('an admin sees the live session and ends it, recorded in the history; the cookie stops working', async () => {
    const { realm, client, userId, username } = await signedIn();
    const { sessions } = await loadUserSignIns(userId, NOW + 60_000);
    expect(sessions).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{64}$/),
        realmName: realm.name,
        startedAt: new Date(NOW),
        lastSeenAt: new Date(NOW),
        expiresAt: new Date(NOW + 60 * 60_000),
      },
    ]);
    await endUserSession(TEST_ADMIN, userId, defined(sessions[0]).id);
    expect(await isSignedIn(client)).toBe(false);
    expect((await loadUserSignIns(userId, NOW + 60_000)).sessions).toEqual([]);
    await expect(endUserSession(TEST_ADMIN, userId, defined(sessions[0]).id)).rejects.toThrow(/ended already/);
    const { records } = await listChangeRecords({ objectType: 'directory-user', page: 1 });
    expect(records[0]).toMatchObject({ objectId: userId, objectName: username, action: 'end-session' });
    expect(records[0]?.changes).toEqual([
      { field: 'ssoSession', label: `SSO session at ${realm.name}`, before: expect.stringMatching(/^started /), after: null },
    ]);
  });

  test("an admin's reset of an authenticator makes the user enrol again, recorded without the seed", async () => {
    const realm = await realmWith(sink, 'username-and-password-second-factor');
    const username = `sess${(users += 1)}`;
    await addUser(username, `${username}.mimecast@example.com`);
    const userId = defined((await listUsers(username)).users[0]).id;
    await db.totpEnrollment.create({
      data: { realmId: realm.id, userId, secretEnc: 'v1.x.y.z', lastCounter: 1, createdAt: new Date(NOW) },
    });
    expect((await loadUserSignIns(userId, NOW)).authenticators).toEqual([
      { realmId: realm.id, realmName: realm.name, enrolledAt: new Date(NOW) },
    ]);
    await resetUserTotp(TEST_ADMIN, userId, realm.id);
    expect((await loadUserSignIns(userId, NOW)).authenticators).toEqual([]);
    const client = browser(realm.slug);
    await client.get();
    await client.post({ step: 'credentials', username, password: PASSWORD });
    expect((await read(await client.post({ step: 'second-factor', action: 'choose', method: 'totp' }))).html).toContain(
      'Set up your authenticator app',
    );
    const { records } = await listChangeRecords({ objectType: 'directory-user', page: 1 });
    expect(records[0]).toMatchObject({
      action: 'reset-totp',
      changes: [{ field: 'totp', label: `Authenticator (TOTP) at ${realm.name}`, changed: true }],
    });
  });

  test("the console lists no session that no longer works: the user's new password or disabled account ended it", async () => {
    const { userId } = await signedIn();
    expect((await loadUserSignIns(userId, NOW + 60_000)).sessions).toHaveLength(1);
    await setUserPassword(TEST_ADMIN, userId, 'another long password');
    expect((await loadUserSignIns(userId, NOW + 60_000)).sessions).toEqual([]);
    const again = await signedIn();
    await setUserDisabled(TEST_ADMIN, again.userId, true);
    expect((await loadUserSignIns(again.userId, NOW + 60_000)).sessions).toEqual([]);
  });

  test('deleting a directory user deletes their sessions and authenticators', async () => {
    const { userId, username, realm } = await signedIn();
    await db.totpEnrollment.create({
      data: { realmId: realm.id, userId, secretEnc: 'v1.x.y.z', lastCounter: 1, createdAt: new Date(NOW) },
    });
    await deleteUser(TEST_ADMIN, userId, username);
    expect(await db.ssoSession.count({ where: { userId } })).toBe(0);
    expect(await db.totpEnrollment.count({ where: { userId } })).toBe(0);
  });

  test('a session row past its end or of another realm does not sign anyone in', async () => {
    const { realm, client, cookieName } = await signedIn();
    expect(await isSignedIn(client, NOW + 61 * 60_000)).toBe(false);
    const other = await realmWith(sink, 'username-password');
    const carried = browser(other.slug);
    carried.jar.set(`realmgate_${other.slug}`, client.jar.get(cookieName) ?? '');
    expect(await isSignedIn(carried)).toBe(false);
    expect(realm.id).not.toBe(other.id);
  });
});

describe('a directory that cannot answer', () => {
  test('shows a clear page and counts no failure', async () => {
    const realm = await realmWith(sink, 'username-password', { workflow: { maxInvalidAttempts: 1 } });
    vi.spyOn(localUserStore, 'authenticate').mockRejectedValue(
      new AppError('The directory cannot be reached right now. Please try again in a few minutes.', 'ldap down', 503),
    );
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const client = browser(realm.slug, '198.51.100.7');
    await client.get();
    await client.post({ step: 'username', username: 'jane' });
    const page = await read(await client.post({ step: 'password', password: PASSWORD }));
    expect(page.status).toBe(503);
    expect(page.html).toContain('The directory cannot be reached right now.');
    expect(await db.signInFailure.findMany({ where: { realmId: realm.id, count: { gt: 0 } } })).toEqual([]);
    expect(await db.throttle.findUnique({ where: { key: 'sso-sign-in:address:198.51.100.7' } })).toMatchObject({ count: 0 });
    vi.restoreAllMocks();
    const again = browser(realm.slug);
    expect((await read(await walkWorkflow(again, 'username-password', { sink, username: 'jane' }))).html).toContain('SAMLResponse');
  });

  test('the GET of a signed-in user whose directory fails is an error page, not a sign-in', async () => {
    const { realm, client } = await signedIn();
    // The local directory is the database: the request's one query (lib/sso/request-read.ts) reads the user.
    vi.spyOn(requestQuery, 'run').mockRejectedValue(new AppError('The directory cannot be reached right now.', 'down', 503));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await handleRealmGet(client.subRequest(''), realm.slug, NOW + 60_000);
    expect(response.status).toBe(503);
  });
});
