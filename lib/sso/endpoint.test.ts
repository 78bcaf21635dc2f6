import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';

import { generateCertificate } from '@/lib/crypto/certificates';
import { saveCertificate } from '@/lib/certificates/store';
import { localUserStore } from '@/lib/directory/local';
import { listUsers, setUserDisabled, setUserPassword } from '@/lib/directory/repository';
import { createRealm } from '@/lib/realm/realm-list-repository';
import type { TabValues } from '@/lib/realm/schemas';
import { defined } from '@/test/defined';
import { validateAgainstXsd, verifyWithXmlsec1 } from '@/test/saml-verifiers';

import { handleIdpInitiated, handleRealmGet, handleRealmPost } from './endpoint';
import {
  ACS,
  NOW,
  PASSWORD,
  addUser,
  cookieHeader,
  cookiesOf,
  realmValues,
  samlResponseOf,
  setUpSsoRealm,
  signInForm,
  signInRequest,
  spProfile,
  sso,
  url,
} from './test-realm';
import { TEST_ADMIN } from '@/test/admin';

// Each test hashes passwords and signs; the machine may be shared and busy.
vi.setConfig({ testTimeout: 30_000 });

beforeAll(setUpSsoRealm);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the realm SSO URL', () => {
  test('shows a sign-in page with no script, a nonce CSP and a CSRF cookie', async () => {
    const response = await handleRealmGet(new Request(url()), sso.slug, NOW);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('<label for="username">Username</label>');
    expect(html).not.toContain('<script');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'nonce-[^']+'; style-src 'nonce-/);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(cookiesOf(response).join()).toMatch(/^realmgate_csrf=[\w-]+; Path=\/sso\/sso-test; HttpOnly; SameSite=Strict$/);
  });

  test('signs a user in and auto-posts a signed Response that node-saml, xmllint and xmlsec1 accept', async () => {
    const response = await signInForm('JANE', PASSWORD); // usernames are case-insensitive
    expect(response.status).toBe(200);
    const { html, samlResponse } = await samlResponseOf(response);
    const profile = await spProfile(samlResponse);
    expect(profile.nameID).toBe('jane.mimecast@example.com'); // User ID Mapping: Email 2
    expect(profile.groups).toBe('Finance'); // Group List filtered by F*
    const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
    expect(xml).toContain(`Destination="${ACS}"`);
    expect(xml).toContain('NotBefore="2026-11-28T11:57:00Z"'); // Offset Minutes 3
    expect(xml).toContain('NotOnOrAfter="2026-11-28T14:00:00Z"'); // Valid Hours 2
    expect(() => validateAgainstXsd(xml, 'protocol')).not.toThrow();
    expect(() => verifyWithXmlsec1(xml, sso.certPem, 'Assertion')).not.toThrow();
    // The auto-POST page: to the Consumer URL, RelayState as the Target URL's href (quotes and <> percent-encoded)
    // and escaped, script under this response's nonce.
    expect(html).toContain(`<form method="post" action="${ACS}">`);
    expect(html).toContain('name="RelayState" value="https://sp.example.com/after?x=%221%22&amp;y=%3C2%3E"');
    const nonce = /script-src 'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(response.headers.get('content-security-policy')).toContain('form-action https:;'); // the ACS may redirect onwards
    expect(html).toMatch(/<button type="submit">Continue<\/button>/);
    expect(cookiesOf(response).find((cookie) => cookie.startsWith('realmgate_sso-test='))).toMatch(
      /^realmgate_sso-test=v1\.[\w.-]+; Path=\/sso\/sso-test; HttpOnly; SameSite=Lax; Secure$/,
    );
    // The sign-in is over: its cookie goes (its row went in the same database transaction as the session's).
    expect(cookiesOf(response)).toContain('realmgate_signin=; Path=/sso/sso-test; HttpOnly; SameSite=Lax; Max-Age=0');
  });

  test('a second visit with the SSO cookie posts a fresh assertion without the password', async () => {
    const first = await signInForm('jane', PASSWORD);
    const cookie = cookieHeader(cookiesOf(first).filter((c) => c.startsWith('realmgate_sso-test=')));
    const firstXml = Buffer.from((await samlResponseOf(first)).samlResponse, 'base64').toString();
    expect(firstXml).toContain('IssueInstant="2026-11-28T12:00:00Z"');
    for (const visit of [
      () => handleRealmGet(new Request(url(), { headers: { cookie } }), sso.slug, NOW + 60_000),
      () => handleIdpInitiated(new Request(url('/saml/idp-initiated'), { headers: { cookie } }), sso.slug, NOW + 60_000),
    ]) {
      const { samlResponse } = await samlResponseOf(await visit());
      const xml = Buffer.from(samlResponse, 'base64').toString();
      expect(xml).toContain('IssueInstant="2026-11-28T12:01:00Z"'); // a fresh assertion …
      expect(xml).toContain('AuthnInstant="2026-11-28T12:00:00Z"'); // … for the sign-in of a minute ago
      expect((await spProfile(samlResponse, NOW + 60_000)).nameID).toBe('jane.mimecast@example.com');
    }
  });

  test('an expired or foreign SSO cookie leads back to the sign-in page', async () => {
    const cookie = cookieHeader(cookiesOf(await signInForm('jane', PASSWORD)).filter((c) => c.startsWith('realmgate_sso-test=')));
    const later = await handleRealmGet(new Request(url(), { headers: { cookie } }), sso.slug, NOW + 61 * 60_000);
    expect(await later.text()).toContain('name="username"');
    const other = await createRealm(TEST_ADMIN, 'Other SSO Realm', (defaults) => realmValues(defaults));
    const forged = cookie.replace('realmgate_sso-test=', 'realmgate_other-sso-realm=');
    expect(
      await (
        await handleRealmGet(new Request(`http://idp.test/sso/${other.slug}`, { headers: { cookie: forged } }), other.slug, NOW)
      ).text(),
    ).toContain('name="username"');
    expect((await handleIdpInitiated(new Request(url('/saml/idp-initiated')), sso.slug, NOW)).headers.get('location')).toBe(
      '/sso/sso-test',
    );
  });

  test('an SSO cookie with its authentication tag cut to 4 bytes leads back to the sign-in page', async () => {
    const cookie = cookieHeader(cookiesOf(await signInForm('jane', PASSWORD)).filter((c) => c.startsWith('realmgate_sso-test=')));
    const truncated = cookie.replace(/(realmgate_sso-test=v1\.[\w-]+\.)([\w-]+)/, (_match, head: string, tag: string) => {
      return `${head}${Buffer.from(tag, 'base64url').subarray(0, 4).toString('base64url')}`;
    });
    expect(truncated).not.toBe(cookie);
    const response = await handleRealmGet(new Request(url(), { headers: { cookie: truncated } }), sso.slug, NOW + 60_000);
    const html = await response.text();
    expect(html).toContain('name="username"');
    expect(html).not.toContain('SAMLResponse');
  });

  test('a session ends when its user is disabled or gets a new password', async () => {
    await addUser('kim', 'kim@example.com');
    const cookie = cookieHeader(cookiesOf(await signInForm('kim', PASSWORD)));
    const visit = async () => (await handleRealmGet(new Request(url(), { headers: { cookie } }), sso.slug, NOW + 60_000)).text();
    expect(await visit()).toContain('SAMLResponse');
    const { users } = await listUsers('kim');
    await setUserPassword(TEST_ADMIN, defined(users[0]).id, 'another long password');
    expect(await visit()).toContain('name="username"');
    const again = cookieHeader(cookiesOf(await signInForm('kim', 'another long password')));
    await setUserDisabled(TEST_ADMIN, defined(users[0]).id, true);
    expect(await (await handleRealmGet(new Request(url(), { headers: { cookie: again } }), sso.slug, NOW)).text()).toContain(
      'name="username"',
    );
  });

  test('sliding expiration renews the SSO cookie on each use, up to the 24-hour cap', async () => {
    const first = await signInForm('jane', PASSWORD);
    let cookie = cookieHeader(cookiesOf(first));
    for (const minutes of [50, 100, 150]) {
      const response = await handleRealmGet(new Request(url(), { headers: { cookie } }), sso.slug, NOW + minutes * 60_000);
      expect(await response.text()).toContain('SAMLResponse'); // still signed in: each visit moved the end out
      cookie = cookieHeader(cookiesOf(response).filter((c) => c.startsWith('realmgate_sso-test=')));
    }
    const dayLater = await handleRealmGet(new Request(url(), { headers: { cookie } }), sso.slug, NOW + 24 * 60 * 60_000);
    expect(await dayLater.text()).toContain('name="username"');
  });

  test.each([
    ['Persistent True: the cookie outlives the browser for the timeout', { persistentCookie: true }, /; Max-Age=3600$/],
    ['Require SSL False: no Secure flag', { cookieRequireSsl: false }, /; SameSite=Lax$/],
  ])('%s', async (_case, change, expected) => {
    const realm = await createRealm(TEST_ADMIN, `Cookie ${Math.random()}`, (defaults) => {
      const values = realmValues(defaults);
      return { ...values, 'post-authentication': { ...values['post-authentication'], ...change } };
    });
    const cookies = cookiesOf(await signInForm('jane', PASSWORD, realm.slug));
    expect(cookies.find((cookie) => cookie.startsWith(`realmgate_${realm.slug}=`))).toMatch(expected);
  });

  test('a wrong password and an unknown user get the same message, and no assertion', async () => {
    const wrong = await signInForm('noemail2', 'not the password');
    const unknown = await signInForm('nobody', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.text(), await unknown.text()];
    expect(a).toContain('The username or password is incorrect.');
    expect(b).toContain('The username or password is incorrect.');
    expect(a).not.toContain('SAMLResponse');
  });

  /** The CSRF token a sign-in page hands out, for the cookie and the hidden field. */
  const issuedToken = async (slug = sso.slug, cookie = '') => {
    const page = await handleRealmGet(new Request(`http://idp.test/sso/${slug}`, { headers: { cookie } }), slug, NOW);
    return /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  };

  test.each<[string, () => Promise<{ field: string; cookie: string }>]>([
    ['a token that differs from the cookie', async () => ({ field: await issuedToken(), cookie: await issuedToken() })],
    ['a token with no cookie at all', async () => ({ field: await issuedToken(), cookie: '' })],
    ['the same made-up token in cookie and field', async () => ({ field: 'A'.repeat(32), cookie: 'A'.repeat(32) })],
    [
      'a token issued by another realm',
      async () => {
        const token = await issuedToken((await createRealm(TEST_ADMIN, `Other CSRF ${Math.random()}`, realmValues)).slug);
        return { field: token, cookie: token };
      },
    ],
    ['non-ASCII text in cookie and field', async () => ({ field: 'ß', cookie: 'ß' })],
    ['a field of another byte length than the cookie', async () => ({ field: 'ß', cookie: await issuedToken() })],
  ])('a post with %s is refused', async (_case, make) => {
    const { field, cookie } = await make();
    const body = new URLSearchParams({ username: 'jane', password: PASSWORD, csrf: field });
    const headers = { cookie: `realmgate_csrf=${cookie}` };
    const response = await handleRealmPost(new Request(url(), { method: 'POST', body, headers }), sso.slug, NOW);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('This sign-in page expired');
  });

  test('keeps an issued CSRF token for a second tab, and replaces a made-up one', async () => {
    const token = await issuedToken();
    expect(await issuedToken(sso.slug, `realmgate_csrf=${token}`)).toBe(token);
    const replaced = await issuedToken(sso.slug, `realmgate_csrf=${'A'.repeat(64)}`);
    expect(replaced).toMatch(/^[\w-]{64}$/);
    expect(replaced).not.toBe('A'.repeat(64));
  });

  // Max Invalid Attempts is 3 in these tests: the count is reserved in the database before a password is checked.
  test('12 parallel guesses check exactly Max Invalid Attempts passwords, and another spelling of the name shares the lockout', async () => {
    await addUser('josé', 'jose@example.com');
    const authenticate = vi.spyOn(localUserStore, 'authenticate');
    const requests = await Promise.all(Array.from({ length: 12 }, () => signInRequest('josé', 'wrong')));
    const texts = await Promise.all(requests.map(async (request) => (await handleRealmPost(request, sso.slug, NOW)).text()));
    expect(authenticate).toHaveBeenCalledTimes(3);
    expect(texts.filter((text) => text.includes('Too many failed sign-ins')).length).toBeGreaterThanOrEqual(9);
    const otherSpelling = await signInForm('JOSE\u0301', PASSWORD); // NFD and upper case: the same user
    expect(await otherSpelling.text()).toContain('Too many failed sign-ins');
    expect(authenticate).toHaveBeenCalledTimes(3);
  });

  test('the right password sent after 30 parallel wrong ones is never checked', async () => {
    await addUser('target', 'target@example.com');
    const authenticate = vi.spyOn(localUserStore, 'authenticate');
    const requests = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => signInRequest('target', `guess ${i}`)),
      signInRequest('target', PASSWORD),
    ]);
    const responses = await Promise.all(requests.map((request) => handleRealmPost(request, sso.slug, NOW)));
    expect(authenticate).toHaveBeenCalledTimes(3);
    expect(authenticate.mock.calls.map(([, password]) => password)).not.toContain(PASSWORD);
    for (const response of responses) expect(await response.text()).not.toContain('SAMLResponse');
  });

  test('unknown usernames are counted and locked out like known ones', async () => {
    const authenticate = vi.spyOn(localUserStore, 'authenticate');
    const requests = await Promise.all(Array.from({ length: 5 }, () => signInRequest('nobody-at-all', 'guess')));
    await Promise.all(requests.map((request) => handleRealmPost(request, sso.slug, NOW)));
    expect(authenticate).toHaveBeenCalledTimes(3);
    expect(await (await signInForm('nobody-at-all', 'guess')).text()).toContain('Too many failed sign-ins');
  });

  test('failures spread wider apart than Lockout Minutes do not add up', async () => {
    await addUser('slowguess', 'slow@example.com');
    for (const minutes of [0, 11, 22, 33]) {
      const at = NOW + minutes * 60_000;
      const response = await handleRealmPost(await signInRequest('slowguess', 'wrong', sso.slug, at), sso.slug, at);
      expect(await response.text()).toContain('The username or password is incorrect.');
    }
  });

  test('locks a username out after Max Invalid Attempts, even with the right password', async () => {
    await addUser('lockme', 'lockme@example.com');
    for (let i = 0; i < 2; i += 1) expect(await (await signInForm('lockme', 'wrong')).text()).toContain('incorrect');
    expect(await (await signInForm('lockme', 'wrong')).text()).toContain('Too many failed sign-ins. Try again in 10 minutes.');
    const locked = await signInForm('lockme', PASSWORD);
    expect(locked.status).toBe(429); // Too Many Requests: the password was not even checked
    expect(await locked.text()).not.toContain('SAMLResponse');
  });

  test('a user without the mapped property gets a clear error and no assertion', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await signInForm('noemail2', PASSWORD);
    const html = await response.text();
    expect(html).toContain('Your account has no Email 2');
    expect(html).not.toContain('SAMLResponse');
    const reference = /class="reference">([0-9A-F]+)</.exec(html)?.[1];
    expect(logged.mock.calls.join()).toContain(reference);
    expect(logged.mock.calls.join()).toContain('user noemail2 has no Email 2');
  });

  test.each<[string, (values: TabValues['post-authentication']) => TabValues['post-authentication'], RegExp]>([
    ['Post Authentication is not a SAML redirect', (values) => ({ ...values, redirect: 'none' }), /not a SAML 2.0 redirect/],
    ['the Consumer URL is missing', (values) => ({ ...values, consumerUrl: '' }), /consumerUrl: The SAML Consumer URL is required/],
    [
      'the Audience still holds a placeholder',
      (values) => ({ ...values, audience: 'us-api.mimecast.com.<ACCOUNT_CODE>' }),
      /audience: Replace <ACCOUNT_CODE>/,
    ],
  ])('refuses to issue an assertion when %s, with a reference and a log line', async (_case, change, reason) => {
    const realm = await createRealm(TEST_ADMIN, `Broken ${Math.random()}`, (defaults) => {
      const values = realmValues(defaults);
      return { ...values, 'post-authentication': change(values['post-authentication']) };
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await signInForm('jane', PASSWORD, realm.slug);
    const html = await response.text();
    expect(response.status).toBe(503);
    expect(html).toContain('not set up correctly');
    expect(html).not.toContain('SAMLResponse');
    expect(html).toMatch(/Reference: <span class="reference">[0-9A-F]{8}<\/span>/);
    expect(logged.mock.calls.join()).toMatch(reason);
  });

  test('refuses to sign with an expired certificate', async () => {
    const expired = await saveCertificate(
      TEST_ADMIN,
      generateCertificate({ commonName: 'Expired', bits: 2048, years: 1, now: new Date('2024-01-01T00:00:00Z') }),
      'generate',
    );
    const realm = await createRealm(TEST_ADMIN, 'Expired certificate realm', (defaults) => {
      const values = realmValues(defaults);
      return { ...values, 'post-authentication': { ...values['post-authentication'], signingCertificateId: expired.id } };
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await signInForm('jane', PASSWORD, realm.slug);
    expect(response.status).toBe(503);
    expect(await response.text()).not.toContain('SAMLResponse');
    expect(logged.mock.calls.join()).toMatch(/signing certificate [0-9a-f]+ expired/);
  });

  test('an unknown realm is a 404 page', async () => {
    const response = await handleRealmGet(new Request('http://idp.test/sso/nope'), 'nope', NOW);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('There is no sign-in page at this address.');
  });
});
