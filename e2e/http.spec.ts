import { CONSOLE_BODY_TOO_LARGE } from '@/lib/http/body';

import { RealmTabPage } from './support/realm-tab';
import { RealmsPage } from './support/realms-page';
import { expect, test } from './support/fixtures';
import { rawRequest } from './support/raw-http';

// What an outside probe sends: any Host, any method, bodies of any size. Requests go out through node:http,
// which sends exactly what it is given.
const DEMO = '/sso/mimecast-personal-portal';

const portOf = (baseURL: string | undefined) => new URL(baseURL ?? '').port;

test.describe('DNS rebinding: the console answers only hosts it knows', () => {
  test('a page, its RSC payload, a server action and a route handler are refused for an unknown Host', async ({ baseURL }) => {
    const evil = `evil.test:${portOf(baseURL)}`;
    const requests: { method?: string; path: string; headers?: Record<string, string>; body?: string }[] = [
      { path: '/realms' },
      { path: '/realms', headers: { RSC: '1' } },
      { path: '/' },
      // A save as the rebinding page sends it: its Origin matches its Host, which is all Next's own check compares.
      { method: 'POST', path: '/realms', headers: { 'Next-Action': '7f'.repeat(21), Origin: `http://${evil}` }, body: '[]' },
      { path: '/certificates/any/download' },
    ];
    for (const request of requests) {
      const response = await rawRequest(baseURL, { ...request, headers: { ...request.headers, Host: evil } });
      expect(response.status, `${request.method ?? 'GET'} ${request.path}`).toBe(421);
      expect(response.body).toContain('Realmgate does not answer to this host name.');
    }
  });

  test('loopback names and addresses on its own port are served; other ports and names are not', async ({ baseURL }) => {
    const port = portOf(baseURL);
    // /login: a console page that answers without a session.
    const status = async (host: string) => (await rawRequest(baseURL, { path: '/login', headers: { Host: host } })).status;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `127.0.0.2:${port}`, `[::1]:${port}`])
      expect(await status(host), host).toBe(200);
    for (const host of [`localhost:${Number(port) + 1}`, 'localhost', `10.0.0.1:${port}`, `localhost.evil.test:${port}`])
      expect(await status(host), host).toBe(421);
  });

  test('the sign-in pages serve any host, but metadata never names an unknown one', async ({ page, realm, baseURL }) => {
    const signIn = await rawRequest(baseURL, { path: DEMO, headers: { Host: 'sso.example.org' } });
    expect(signIn.status).toBe(200);
    expect(signIn.body).toContain('<label for="username">Username</label>');
    // A new realm has no saved Domain: the metadata would have to name the request's host.
    const url = (await new RealmsPage(page).row(realm.name).getByRole('code').textContent()) ?? '';
    const slug = /\/sso\/([\w-]+)$/.exec(url)?.[1] ?? '';
    const metadata = await rawRequest(baseURL, { path: `/sso/${slug}/metadata`, headers: { Host: 'evil.test' } });
    expect(metadata.status).toBe(400);
    expect(metadata.body).toContain('Set REALMGATE_PUBLIC_URL');
    expect(metadata.body).not.toContain('evil.test');
  });
});

test('methods no route serves get a 405 naming the allowed ones, never a 500', async ({ baseURL }) => {
  const ANY = 'GET, HEAD, OPTIONS, POST';
  for (const [method, path, allow] of [
    ['TRACE', DEMO, ANY],
    ['TRACE', `${DEMO}/metadata`, ANY],
    ['TRACE', '/realms', ANY],
    ['PROPFIND', `${DEMO}/logo`, ANY],
    ['PUT', DEMO, 'GET, HEAD, OPTIONS, POST'],
    ['PATCH', DEMO, 'GET, HEAD, OPTIONS, POST'],
    ['DELETE', DEMO, 'GET, HEAD, OPTIONS, POST'],
    ['POST', `${DEMO}/metadata`, 'GET, HEAD, OPTIONS'],
    ['PUT', `${DEMO}/logo`, 'GET, HEAD, OPTIONS'],
    ['POST', `${DEMO}/saml/idp-initiated`, 'GET, HEAD, OPTIONS'],
    ['PUT', '/realms', 'GET, HEAD, POST'],
    ['DELETE', '/certificates/any/download', 'GET, HEAD, POST'],
  ] as const) {
    const response = await rawRequest(baseURL, { method, path });
    expect(response.status, `${method} ${path}`).toBe(405);
    expect(response.headers.allow, `${method} ${path}`).toBe(allow);
  }
  const options = await rawRequest(baseURL, { method: 'OPTIONS', path: `${DEMO}/metadata` });
  expect([options.status, options.headers.allow]).toEqual([204, 'GET, HEAD, OPTIONS']);
});

test.describe('request bodies are capped before they are read', () => {
  const form = { 'Content-Type': 'application/x-www-form-urlencoded' };

  test('a sign-in body over 16 KB is a 413, by its length or while it streams', async ({ baseURL }) => {
    const declared = await rawRequest(baseURL, { method: 'POST', path: DEMO, headers: form, body: `username=${'a'.repeat(17_000)}` });
    expect(declared.status).toBe(413);
    expect(declared.body).toContain('This sign-in request is too large.');
    // Chunked, without end: the answer comes while the client is still sending.
    const endless = await rawRequest(baseURL, { method: 'POST', path: DEMO, headers: form, endlessUpTo: 256 * 1024 * 1024 });
    expect(endless.status).toBe(413);
    expect(endless.sent).toBeLessThan(256 * 1024 * 1024);
  });

  test('a console form over 1 MB is a 413 with a message the form can show', async ({ baseURL }) => {
    const action = { 'Next-Action': '7f'.repeat(21), 'Content-Type': 'text/plain;charset=UTF-8' };
    const declared = await rawRequest(baseURL, { method: 'POST', path: '/realms', headers: action, body: 'a'.repeat(1_100_000) });
    const chunked = await rawRequest(baseURL, {
      method: 'POST',
      path: '/realms',
      headers: { ...action, 'Transfer-Encoding': 'chunked' },
      body: 'a'.repeat(1_100_000),
    });
    for (const response of [declared, chunked]) {
      expect(response.status).toBe(413);
      expect(response.headers['content-type']).toBe('text/plain');
      expect(response.body.trim()).toBe(CONSOLE_BODY_TOO_LARGE);
    }
    // A body declared far bigger is refused at once, unread, while the client has sent one chunk.
    const huge = await rawRequest(baseURL, { method: 'POST', path: '/realms', headers: action, declaredLength: 100_000_000 });
    expect([huge.status, huge.sent]).toEqual([413, 64 * 1024]);
  });

  test('the Overview form says so when it is too large to send, and keeps the edits', async ({ page, realm }) => {
    const tab = new RealmTabPage(page, realm.id, 'overview');
    await tab.goto();
    // The browser's own checks keep real forms far below 1 MB; the test pads the request the form sends.
    await page.route(`**/realms/${realm.id}/overview`, async (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.continue();
      await route.continue({ postData: Buffer.concat([request.postDataBuffer() ?? Buffer.alloc(0), Buffer.alloc(1_100_000, ' ')]) });
    });
    await tab.field('Realm Description').fill('Too large to send');
    await tab.saveButton.click();
    await expect(tab.status).toHaveText(CONSOLE_BODY_TOO_LARGE);
    await expect(tab.field('Realm Description')).toHaveValue('Too large to send');
  });
});

test.describe("the console's Content-Security-Policy", () => {
  test('every page gets a fresh script nonce, on every script Next renders', async ({ page }) => {
    const nonces: string[] = [];
    for (let visit = 0; visit < 2; visit++) {
      const response = await page.goto('/realms');
      const policy = (await response?.headerValue('content-security-policy')) ?? '';
      const nonce = /script-src 'self' 'nonce-([^']+)' 'strict-dynamic'/.exec(policy)?.[1] ?? '';
      expect(policy).toContain("frame-ancestors 'none'");
      const scripts = (await response?.text())?.match(/<script[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
      nonces.push(nonce);
    }
    expect(nonces[0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonces[1]).not.toBe(nonces[0]);
    // The page hydrated: its buttons work.
    await page.getByRole('button', { name: 'Create realm' }).click();
    await expect(page.getByRole('dialog', { name: 'Create realm' })).toBeVisible();
  });

  test('every console page works under it with no violation (the fixture fails any test that reports one)', async ({ page, realm }) => {
    for (const tab of ['overview', 'data', 'workflow', 'multi-factor-methods', 'post-authentication'] as const) {
      await new RealmTabPage(page, realm.id, tab).goto();
    }
    await page.goto('/directory');
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect(page.getByRole('dialog', { name: 'Add user' })).toBeVisible();
    await page.goto('/certificates');
    await page.getByRole('button', { name: 'Import PEM' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    // Twice: a not-found page rendered once and kept would carry the first visit's nonce ever after.
    for (const path of ['/no-such-page', '/no-such-page-either']) {
      expect((await page.goto(path))?.status()).toBe(404);
      await page.getByRole('link', { name: 'Back to the realms list' }).click();
      await expect(page.getByRole('heading', { name: 'Realms' })).toBeVisible();
    }
  });

  test('no HSTS over plain http (a browser would ignore it there anyway)', async ({ page }) => {
    const response = await page.goto('/realms');
    expect(await response?.headerValue('strict-transport-security')).toBeNull();
  });
});
