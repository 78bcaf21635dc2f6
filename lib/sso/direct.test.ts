import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { SSO_BODY_LIMIT } from '@/lib/http/body';

import { DIRECT_SSO, type DirectSso, registerDirectSso } from './direct';
import { handleRealmGet } from './endpoint';
import { PASSWORD, cookieHeader, cookiesOf, samlResponseOf, setUpSsoRealm, signInForm, sso, type Reply } from './test-realm';

// scripts/server.mjs answers GET and POST /sso/<realm> with the handlers instrumentation.ts registers, not through Next.
let server: http.Server;
let base = '';

beforeAll(async () => {
  await setUpSsoRealm();
  registerDirectSso();
  const serve = (globalThis as Record<symbol, DirectSso>)[DIRECT_SSO];
  server = http.createServer((req, res) => void serve?.(req, res, sso.slug));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

const headersOf = (response: Reply) =>
  Object.fromEntries(
    [...response.headers]
      .filter(([name]) => !['date', 'connection', 'keep-alive', 'content-length', 'set-cookie'].includes(name))
      // The nonce is new on every response.
      .map(([name, value]) => [name, value.replace(/nonce-[^']+/g, 'nonce')]),
  );

describe('the realm URL served outside Next (lib/sso/direct.ts)', () => {
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

  test('a sign-in posts its steps there: the username page, the password page, then the assertion', async () => {
    const jar = new Map<string, string>();
    const keep = (response: Reply) => {
      for (const cookie of cookiesOf(response)) jar.set(cookie.split('=')[0] ?? '', cookie.split(';')[0] ?? '');
      return response;
    };
    const post = async (fields: Record<string, string>, html: string) => {
      const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
      const body = new URLSearchParams({ csrf, ...fields });
      return keep(await fetch(`${base}/sso/${sso.slug}`, { method: 'POST', body, headers: { cookie: [...jar.values()].join('; ') } }));
    };
    const first = await keep(await fetch(`${base}/sso/${sso.slug}`)).text();
    const passwordPage = await (await post({ step: 'username', username: 'jane' }, first)).text();
    expect(passwordPage).toContain('name="password"');
    await samlResponseOf(await post({ step: 'password', password: PASSWORD }, passwordPage));
  });

  test('a chunked body over the sign-in limit is refused with a page once the limit is passed', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(4096));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Far more than the limit, without a Content-Length: the server stops reading at the limit.
        if ((sent += 1) > 1000) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${base}/sso/${sso.slug}`, { method: 'POST', body, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('too large');
    expect(sent).toBeLessThan(1000);
  });

  test('a body over the sign-in limit is refused with a page, unread', async () => {
    const response = await fetch(`${base}/sso/${sso.slug}`, { method: 'POST', body: 'x'.repeat(SSO_BODY_LIMIT + 1) });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('too large');
  });
});
