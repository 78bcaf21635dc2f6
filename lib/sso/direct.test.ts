import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { DIRECT_SSO_GET, type DirectSsoGet, registerDirectSsoGet } from './direct';
import { handleRealmGet } from './endpoint';
import { PASSWORD, cookieHeader, cookiesOf, samlResponseOf, setUpSsoRealm, signInForm, sso } from './test-realm';

// scripts/server.mjs answers GET /sso/<realm> with the handler instrumentation.ts registers, not through Next.
let server: http.Server;
let base = '';

beforeAll(async () => {
  await setUpSsoRealm();
  registerDirectSsoGet();
  const serve = (globalThis as Record<symbol, DirectSsoGet>)[DIRECT_SSO_GET];
  server = http.createServer((req, res) => void serve?.(req, res, sso.slug));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

const headersOf = (response: Response) =>
  Object.fromEntries(
    [...response.headers]
      .filter(([name]) => !['date', 'connection', 'keep-alive', 'content-length', 'set-cookie'].includes(name))
      // The nonce is new on every response.
      .map(([name, value]) => [name, value.replace(/nonce-[^']+/g, 'nonce')]),
  );

describe('GET /sso/<realm> served outside Next (lib/sso/direct.ts)', () => {
  test('answers as the route does: the sign-in page with its headers and cookies', async () => {
    const direct = await fetch(`${base}/sso/${sso.slug}`);
    const route = await handleRealmGet(new Request(`http://localhost/sso/${sso.slug}`), sso.slug);
    expect(direct.status).toBe(200);
    expect(headersOf(direct)).toEqual(headersOf(route));
    expect(cookiesOf(direct).map((cookie) => cookie.split('=')[0])).toEqual(cookiesOf(route).map((cookie) => cookie.split('=')[0]));
    expect(await direct.text()).toContain('<label for="username">Username</label>');
  });

  test('a signed-in user gets the signed assertion and the renewed session cookie', async () => {
    const signedIn = cookieHeader(cookiesOf(await signInForm('jane', PASSWORD, sso.slug, Date.now())));
    const direct = await fetch(`${base}/sso/${sso.slug}`, { headers: { cookie: signedIn } });
    expect(direct.status).toBe(200);
    expect(direct.headers.get('content-security-policy')).toContain('form-action https:');
    expect(cookiesOf(direct).join()).toMatch(/^realmgate_sso-test=/);
    await samlResponseOf(direct);
  });

  test("an SP's request in the query reaches the handler as sent", async () => {
    const direct = await fetch(`${base}/sso/${sso.slug}?SAMLRequest=not-a-request`);
    const route = await handleRealmGet(new Request(`http://localhost/sso/${sso.slug}?SAMLRequest=not-a-request`), sso.slug);
    expect(direct.status).toBe(route.status);
    expect(direct.status).toBeGreaterThanOrEqual(400);
  });
});
