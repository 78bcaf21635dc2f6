import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';

import { handleRealmGet, handleRealmPost } from './endpoint';
import { otherMethods } from './http';
import { NOW, cookiesOf, setUpSsoRealm, sso, url } from './test-realm';

beforeAll(setUpSsoRealm);

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('the sign-in CSRF cookie', () => {
  const csrfCookie = async (headers: Record<string, string> = {}) => {
    const response = await handleRealmGet(new Request(url(), { headers }), sso.slug, NOW);
    return cookiesOf(response).find((cookie) => cookie.startsWith('realmgate_csrf=')) ?? '';
  };

  test.each([
    ['the public URL is https', { REALMGATE_PUBLIC_URL: 'https://idp.example.com' }, {}],
    ['a declared proxy says https', { REALMGATE_TRUST_PROXY: '1' }, { 'x-forwarded-proto': 'https' }],
    [
      'a declared proxy says https, under an http public URL',
      { REALMGATE_TRUST_PROXY: '1', REALMGATE_PUBLIC_URL: 'http://idp.example.com' },
      { 'x-forwarded-proto': 'https' },
    ],
  ])('is Secure when %s', async (_name, env, headers) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    expect(await csrfCookie(headers)).toMatch(/; Secure$/);
  });

  test.each([
    ['over plain http', {}, {}],
    ['when anyone but a declared proxy says https', {}, { 'x-forwarded-proto': 'https' }],
    ['under an http public URL', { REALMGATE_PUBLIC_URL: 'http://localhost:3000' }, {}],
  ])('is not Secure %s (the browser would drop it)', async (_name, env, headers) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    expect(await csrfCookie(headers)).not.toContain('Secure');
  });
});

describe('the sign-in form body', () => {
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined); // refusals are logged with their reference
  });

  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    handleRealmPost(
      new Request(url(), {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        duplex: 'half',
      } as RequestInit),
      sso.slug,
      NOW,
    );

  test('over 16 KB by its Content-Length is a 413 page, unread', async () => {
    const response = await post('username=jane', { 'content-length': String(16 * 1024 + 1) });
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('This sign-in request is too large.');
  });

  test('without a length is read only until it passes 16 KB', async () => {
    let pulled = 0;
    const fourMegabytes = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 4 * 1024 * 1024) return controller.close();
        pulled += 1024;
        controller.enqueue(new TextEncoder().encode('a'.repeat(1024)));
      },
    });
    const response = await post(fourMegabytes);
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(18 * 1024);
  });

  test('of 16 KB is still read (and refused for its missing CSRF token)', async () => {
    const body = `username=jane&x=${'a'.repeat(16 * 1024 - 'username=jane&x='.length)}`;
    const response = await post(body, { 'content-length': String(body.length) });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('This sign-in page expired.');
  });
});

describe('methods an /sso route does not serve', () => {
  test('get a 405 naming the methods it does serve, and OPTIONS names them too', async () => {
    const { refuse, options } = otherMethods('GET', 'POST');
    expect(refuse().status).toBe(405);
    expect(refuse().headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
    expect(options().status).toBe(204);
    expect(options().headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
    expect(otherMethods('GET').refuse().headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });
});
