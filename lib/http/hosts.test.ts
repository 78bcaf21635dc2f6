import { describe, expect, test } from 'vitest';

import { isHttpsRequest, isListedHost, listedRequestHost } from './hosts';
import { publicOrigin, ssoUrl } from './origin';

const PUBLIC = { REALMGATE_PUBLIC_URL: 'https://idp.example.com' };
const ALLOWED = { REALMGATE_ALLOWED_HOSTS: ' console.example.net , admin.example.org:8443,https://ops.example.com/console' };
const PROXY = { REALMGATE_TRUST_PROXY: '1' };

describe('the hosts Realmgate answers as its own', () => {
  test.each([
    // Loopback names and addresses, on Realmgate's own port (PORT, 3000 by default).
    ['localhost:3000', {}, true],
    ['LOCALHOST:3000', {}, true],
    ['127.0.0.1:3000', {}, true],
    ['127.42.0.7:3000', {}, true],
    ['[::1]:3000', {}, true],
    ['127.0.0.1:8080', { PORT: '8080' }, true],
    ['localhost:3001', {}, false],
    ['localhost', {}, false], // port 80
    ['localhost', { PORT: '80' }, true],
    ['127.0.0.256:3000', {}, false],
    ['128.0.0.1:3000', {}, false],
    ['localhost.:3000', {}, false],
    ['localhost.evil.test:3000', {}, false],
    ['[::2]:3000', {}, false],
    ['0.0.0.0:3000', {}, false],
    // A rebinding domain, whatever it resolves to.
    ['evil.test:3000', {}, false],
    ['evil.test', PUBLIC, false],
    ['idp.example.com.evil.test', PUBLIC, false],
    // Not a host at all: user info, paths, spaces, nothing.
    ['evil.test@127.0.0.1:3000', {}, false],
    ['127.0.0.1:3000/x', {}, false],
    ['127.0.0.1 :3000', {}, false],
    ['', {}, false],
    // The public URL's host, on any port (it names no port).
    ['idp.example.com', PUBLIC, true],
    ['IDP.example.com:443', PUBLIC, true],
    ['idp.example.com', {}, false],
    ['idp.example.com:8443', { REALMGATE_PUBLIC_URL: 'https://idp.example.com:8443/' }, true],
    ['idp.example.com', { REALMGATE_PUBLIC_URL: 'https://idp.example.com:8443/' }, false],
    // REALMGATE_ALLOWED_HOSTS: names (any port), name:port (that port), URLs (their host).
    ['console.example.net:3000', ALLOWED, true],
    ['admin.example.org:8443', ALLOWED, true],
    ['admin.example.org', ALLOWED, false],
    ['ops.example.com', ALLOWED, true],
    ['example.net', ALLOWED, false],
    ['localhost:8080', { REALMGATE_ALLOWED_HOSTS: 'localhost:8080' }, true],
  ] as const)('%s with %o: %s', (host, env, allowed) => {
    expect(isListedHost(host, false, env)).toBe(allowed);
  });

  test('a host without a port means 443 on https', () => {
    expect(isListedHost('localhost', true, { PORT: '443' })).toBe(true);
    expect(isListedHost('localhost', true, { PORT: '80' })).toBe(false);
  });

  test.each([
    // Without REALMGATE_TRUST_PROXY anyone may send X-Forwarded-Host: only Host counts.
    [{ host: 'localhost:3000', 'x-forwarded-host': 'evil.test' }, {}, 'localhost:3000'],
    [{ host: 'evil.test:3000', 'x-forwarded-host': 'localhost:3000' }, {}, null],
    // Behind a declared proxy the forwarded host is what the browser asked for, and it must be listed too.
    [{ host: '127.0.0.1:3000', 'x-forwarded-host': 'evil.test' }, PROXY, null],
    [{ host: '127.0.0.1:3000', 'x-forwarded-host': 'idp.example.com' }, { ...PROXY, ...PUBLIC }, 'idp.example.com'],
    [{ host: '127.0.0.1:3000' }, PROXY, '127.0.0.1:3000'],
    // Its last value is the proxy's own; an appending proxy keeps what the client sent in front of it.
    [{ host: '127.0.0.1:3000', 'x-forwarded-host': 'idp.example.com, evil.test' }, { ...PROXY, ...PUBLIC }, null],
    [{ host: '127.0.0.1:3000', 'x-forwarded-host': 'evil.test, idp.example.com' }, { ...PROXY, ...PUBLIC }, 'idp.example.com'],
    [{ host: 'Localhost:3000' }, {}, 'localhost:3000'],
    [{}, {}, null],
  ])('the request host of %o with %o is %s', (headers, env, expected) => {
    expect(listedRequestHost(new Headers(headers), env)).toBe(expected);
  });

  test.each([
    [{}, {}, false],
    [{}, PUBLIC, true],
    [{}, { REALMGATE_PUBLIC_URL: 'http://idp.example.com' }, false],
    [{ 'x-forwarded-proto': 'https' }, {}, false],
    [{ 'x-forwarded-proto': 'https' }, PROXY, true],
    [{ 'x-forwarded-proto': 'HTTPS' }, PROXY, true],
    [{ 'x-forwarded-proto': 'http' }, PROXY, false],
    [{ 'x-forwarded-proto': 'http, https' }, PROXY, true],
  ])('a request with %o under %o arrived over https: %s', (headers, env, https) => {
    expect(isHttpsRequest(new Headers(headers), env)).toBe(https);
  });
});

describe('the public origin of realm URLs', () => {
  test.each([
    [{ host: 'evil.test' }, PUBLIC, 'https://idp.example.com'],
    [{ host: 'localhost:3000' }, { REALMGATE_PUBLIC_URL: 'https://idp.example.com/' }, 'https://idp.example.com'],
    [{ host: 'localhost:3000' }, {}, 'http://localhost:3000'],
    [{ host: 'console.example.net' }, ALLOWED, 'http://console.example.net'],
    [
      { host: '127.0.0.1:3000', 'x-forwarded-host': 'console.example.net', 'x-forwarded-proto': 'https' },
      { ...PROXY, ...ALLOWED },
      'https://console.example.net',
    ],
    // A host nobody listed never ends up in a URL we hand out.
    [{ host: 'evil.test:3000' }, {}, null],
    [{ host: '127.0.0.1:3000', 'x-forwarded-host': 'evil.test' }, PROXY, null],
  ])('for %o under %o is %s', (headers, env, origin) => {
    expect(publicOrigin(new Headers(headers), env)).toBe(origin);
  });

  test('an SSO URL without a known origin stays relative', () => {
    expect(ssoUrl(null, 'payroll')).toBe('/sso/payroll');
    expect(ssoUrl('https://idp.example.com', 'payroll')).toBe('https://idp.example.com/sso/payroll');
  });
});
