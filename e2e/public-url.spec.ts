import { expect, test } from './support/fixtures';
import { createE2eAdminSession } from './support/database';
import { rawRequest, startServer } from './support/raw-http';

// A second server on the same build and database, set up as behind an HTTPS reverse proxy: the settings change
// what every response says, so they need a server of their own.
const SETTINGS = {
  REALMGATE_PUBLIC_URL: 'https://idp.example.test',
  REALMGATE_ALLOWED_HOSTS: 'console.example.test',
  REALMGATE_TRUST_PROXY: '1',
};

let server: Awaited<ReturnType<typeof startServer>>;

test.beforeAll(async () => {
  server = await startServer(SETTINGS);
});

test.afterAll(() => {
  server.stop();
});

test('every response carries HSTS when the public URL is https: console, sign-in, files, errors', async () => {
  const page = await rawRequest(server.baseURL, { path: '/login' });
  const script = /<script src="([^"]+)"/.exec(page.body)?.[1] ?? '';
  expect(script).toMatch(/^\/_next\/static\//);
  for (const request of [
    { path: '/realms' },
    { path: '/sso/mimecast-personal-portal', headers: { Host: 'anything.example.org' } },
    { path: script },
    { path: '/no-such-page' },
    { path: '/sso/mimecast-personal-portal', method: 'TRACE' },
    { path: '/realms', headers: { Host: 'evil.test' } },
  ]) {
    const response = await rawRequest(server.baseURL, request);
    expect(response.headers['strict-transport-security'], `${request.method ?? 'GET'} ${request.path}`).toBe('max-age=31536000');
  }
});

test('the sign-in CSRF cookie is Secure', async () => {
  const response = await rawRequest(server.baseURL, { path: '/sso/mimecast-personal-portal' });
  expect(response.headers['set-cookie']?.find((cookie) => cookie.startsWith('realmgate_csrf='))).toMatch(/; Secure$/);
});

test('the console answers its public and listed hosts; behind the proxy the forwarded host must be listed', async () => {
  // /login: a console page that answers without a session.
  const status = async (headers: Record<string, string>) => (await rawRequest(server.baseURL, { path: '/login', headers })).status;
  expect(await status({ Host: 'idp.example.test' })).toBe(200);
  expect(await status({ Host: 'console.example.test:8443' })).toBe(200);
  expect(await status({ Host: 'evil.test' })).toBe(421);
  expect(await status({ Host: '127.0.0.1', 'X-Forwarded-Host': 'console.example.test', 'X-Forwarded-Proto': 'https' })).toBe(200);
  // The proxy's own upstream Host is loopback; what the browser asked for is what counts.
  const port = new URL(server.baseURL).port;
  expect(await status({ Host: `127.0.0.1:${port}`, 'X-Forwarded-Host': 'evil.test', 'X-Forwarded-Proto': 'https' })).toBe(421);
});

test('realm URLs in the console name the public URL, not the Host', async () => {
  // Through the proxy as a browser would see it; the page must not show the name it was addressed by. The
  // session cookie is Secure and __Host- here (an https public URL), so it is sent as the proxy passes it on.
  const cookie = `__Host-realmgate_admin=${await createE2eAdminSession()}`;
  const page = await rawRequest(server.baseURL, {
    path: '/realms',
    headers: { Host: '127.0.0.1', 'X-Forwarded-Host': 'console.example.test', 'X-Forwarded-Proto': 'https', Cookie: cookie },
  });
  expect(page.status).toBe(200);
  expect(page.body).toContain('https://idp.example.test/sso/mimecast-personal-portal');
  expect(page.body).not.toContain('console.example.test/sso/');
});
