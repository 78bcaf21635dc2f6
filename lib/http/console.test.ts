import { describe, expect, test } from 'vitest';

import { CONSOLE_BODY_LIMIT, CONSOLE_BODY_TOO_LARGE } from './body';
import { consoleContentSecurityPolicy, refuseConsoleRequest } from './console';

const request = (init: RequestInit & { host?: string } = {}) => {
  const { host = '127.0.0.1:3000', ...rest } = init;
  const headers = new Headers(rest.headers);
  headers.set('host', host);
  return new Request('http://127.0.0.1:3000/realms', { ...rest, headers, duplex: 'half' } as RequestInit);
};

describe('what the console refuses before Next sees it', () => {
  test.each([
    ['a page', {}],
    ['a server action within the limit', { method: 'POST', body: 'a'.repeat(CONSOLE_BODY_LIMIT), headers: { 'next-action': 'x' } }],
    ['a page from a listed host', { host: 'console.example.net:3000' }],
    ['a server action from its own page', { method: 'POST', body: '[]', headers: { 'next-action': 'x', origin: 'http://127.0.0.1:3000' } }],
  ])('lets %s through', async (_name, init) => {
    expect(await refuseConsoleRequest(request(init), { REALMGATE_ALLOWED_HOSTS: 'console.example.net' })).toBeNull();
  });

  test.each([
    ['a page', {}],
    [
      'a server action whose Origin matches the rebinding host',
      { method: 'POST', body: '[]', headers: { 'next-action': 'x', origin: 'http://evil.test:3000' } },
    ],
  ])('answers %s for an unknown host with 421 and a plain message', async (_name, init) => {
    const response = await refuseConsoleRequest(request({ ...init, host: 'evil.test:3000' }), {});
    expect(response?.status).toBe(421);
    expect(response?.headers.get('content-type')).toBe('text/plain');
    expect(await response?.text()).toMatch(/does not answer to this host name.*REALMGATE_ALLOWED_HOSTS/);
  });

  test.each(['http://evil.example', 'http://127.0.0.1:4000', 'null', 'not a url'])(
    'answers a post from another origin (%s) with 403, even on a listed host',
    async (origin) => {
      const response = await refuseConsoleRequest(request({ method: 'POST', body: '[]', headers: { 'next-action': 'x', origin } }), {});
      expect(response?.status).toBe(403);
      expect(await response?.text()).toMatch(/only from its own pages/);
    },
  );

  test.each(['PUT', 'PATCH', 'DELETE', 'OPTIONS'])('answers %s with 405 and the methods it takes', async (method) => {
    const response = await refuseConsoleRequest(request({ method }), {});
    expect(response?.status).toBe(405);
    expect(response?.headers.get('allow')).toBe('GET, HEAD, POST');
  });

  test('answers a form over 1 MB with 413 and the message the forms show, declared or not', async () => {
    const body = 'a'.repeat(CONSOLE_BODY_LIMIT + 1);
    const declared = await refuseConsoleRequest(request({ method: 'POST', body, headers: { 'content-length': String(body.length) } }), {});
    const chunked = await refuseConsoleRequest(request({ method: 'POST', body: new Blob([body]).stream() }), {});
    for (const response of [declared, chunked]) {
      expect(response?.status).toBe(413);
      // Next's server-action client turns exactly this content type into the error message the form shows.
      expect(response?.headers.get('content-type')).toBe('text/plain');
      expect((await response?.text())?.trim()).toBe(CONSOLE_BODY_TOO_LARGE);
    }
  });
});

describe("the console's Content-Security-Policy", () => {
  const policy = consoleContentSecurityPolicy('abc123', false);
  const directive = (name: string) => policy.split('; ').find((part) => part.startsWith(`${name} `));

  test("runs scripts only under the response's nonce and what they load", () => {
    expect(directive('script-src')).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(directive('default-src')).toBe("default-src 'self'");
  });

  test('keeps framing, plugins, base and form targets locked down', () => {
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(directive('base-uri')).toBe("base-uri 'self'");
    expect(directive('form-action')).toBe("form-action 'self'");
  });

  test('allows eval in development only (React needs it there)', () => {
    expect(policy).not.toContain('unsafe-eval');
    expect(consoleContentSecurityPolicy('abc123', true)).toContain("'nonce-abc123' 'strict-dynamic' 'unsafe-eval'");
  });
});
