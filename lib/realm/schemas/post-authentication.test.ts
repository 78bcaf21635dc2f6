import { describe, expect, test } from 'vitest';

import { DB_ONLY, fieldErrorsOf } from '@/test/schema-helpers';

import {
  type PostAuthenticationValues,
  defaultPostAuthenticationValues,
  fromPostAuthenticationValues,
  postAuthenticationSchema,
  toPostAuthenticationValues,
} from './post-authentication';
import { defined } from '@/test/defined';

const valid: PostAuthenticationValues = {
  ...defaultPostAuthenticationValues({ slug: 'mimecast' }),
  redirect: 'saml-idp-initiated',
  userIdMapping: 'email2',
  consumerUrl: 'https://us-api.mimecast.com/login/sso/mpp',
  recipient: 'https://us-api.mimecast.com/login/sso/mpp',
  issuer: 'urn:realmgate:test',
  audience: 'us-api.mimecast.com.C0A0',
  samlAttributes: [{ name: 'mail', namespace: 'urn:oid:0.9.2342.19200300.100.1.3', format: 'uri', value: 'email1', groupFilter: '*' }],
};

const errorsOf = (values: unknown) => fieldErrorsOf(postAuthenticationSchema, values);

describe('post authentication schema', () => {
  test('accepts the Mimecast configuration', () => {
    expect(errorsOf(valid)).toEqual({});
  });

  test('accepts the defaults of a new realm (no redirect yet)', () => {
    expect(errorsOf(defaultPostAuthenticationValues({ slug: 'new-realm' }))).toEqual({});
  });

  test.each<[string, Partial<PostAuthenticationValues> | Record<string, unknown>, string, RegExp]>([
    ['a http Consumer URL', { consumerUrl: 'http://sp.example.com/acs' }, 'consumerUrl', /https/],
    ['a javascript: Consumer URL', { consumerUrl: 'javascript:alert(1)' }, 'consumerUrl', /https/],
    ['a relative Consumer URL', { consumerUrl: '/acs' }, 'consumerUrl', /absolute https/],
    ['an empty Consumer URL while SAML is selected', { consumerUrl: '' }, 'consumerUrl', /required/],
    ['an empty Issuer while SAML is selected', { issuer: '  ' }, 'issuer', /Issuer/],
    ['the literal <ACCOUNT_CODE> placeholder', { audience: 'us-api.mimecast.com.<ACCOUNT_CODE>' }, 'audience', /Mimecast account code/],
    ['another placeholder', { audience: 'https://sp/<TENANT>' }, 'audience', /<TENANT>/],
    ['a Recipient that is not a URL', { recipient: 'mimecast' }, 'recipient', /https/],
    ['a Target URL with credentials', { targetUrl: 'https://user:pw@sp.example.com/' }, 'targetUrl', /https/],
    ['Offset Minutes below 0', { offsetMinutes: -1 }, 'offsetMinutes', /0 to 60/],
    ['Offset Minutes above 60', { offsetMinutes: 61 }, 'offsetMinutes', /0 to 60/],
    ['Offset Minutes not a whole number', { offsetMinutes: 1.5 }, 'offsetMinutes', /whole number/],
    ['an empty Offset Minutes box', { offsetMinutes: Number.NaN }, 'offsetMinutes', /whole number/],
    ['Valid Hours of 0', { validHours: 0 }, 'validHours', /1 to 24/],
    ['Valid Hours of 25', { validHours: 25 }, 'validHours', /1 to 24/],
    ['Valid Hours as text', { validHours: '2' }, 'validHours', /whole number/],
    ['an unavailable redirect', { redirect: 'oidc' }, 'redirect', /not available in Realmgate yet/],
    ['an unknown redirect', { redirect: 'nonsense' }, 'redirect', /from the list/],
    ['an unknown Name ID Format', { nameIdFormat: 'urn:x' }, 'nameIdFormat', /from the list/],
    ['assertion encryption', { encryptAssertion: true }, 'encryptAssertion', /not available/],
    ['neither assertion nor message signed', { signAssertion: false, signMessage: false }, 'signAssertion', /unsigned/],
    ['a domain with a scheme', { metadataDomain: 'https://idp.example.com' }, 'metadataDomain', /no https:\/\/ or path/],
    ['a domain with a path', { metadataDomain: 'idp.example.com/sso' }, 'metadataDomain', /no https:\/\/ or path/],
    ['a cookie name with a semicolon', { cookieName: 'a;b' }, 'cookieName', /cookie name/],
    ['a cookie name over 128 characters', { cookieName: 'c'.repeat(129) }, 'cookieName', /at most 128/],
    [
      "the sign-in form's CSRF cookie name",
      { cookieName: 'realmgate_csrf' },
      'cookieName',
      /realmgate_csrf is the sign-in page's own cookie/,
    ],
    [
      "the sign-in transaction's cookie name",
      { cookieName: 'realmgate_signin' },
      'cookieName',
      /realmgate_signin is the sign-in page's own/,
    ],
    ["the remembered method's cookie name", { cookieName: 'realmgate_method' }, 'cookieName', /realmgate_method is the sign-in page's own/],
    ['a Timeout of 4 minutes', { timeoutMinutes: 4 }, 'timeoutMinutes', /5 to 1440/],
    ['an Issuer over 1024 characters', { issuer: 'x'.repeat(1025) }, 'issuer', /1024/],
    [
      'an attribute without a name',
      { samlAttributes: [{ ...valid.samlAttributes[0], name: '' }] },
      'samlAttributes.0.name',
      /attribute name/,
    ],
    ['eleven attributes', { samlAttributes: Array(11).fill(valid.samlAttributes[0]) }, 'samlAttributes', /at most 10/],
    // Characters XML 1.0 or one line cannot carry: every sign-in and the metadata would fail on them.
    ['an Issuer of NUL', { issuer: '\u0000' }, 'issuer', /control character U\+0000/],
    ['an Issuer with a tab', { issuer: 'urn:a\tb' }, 'issuer', /control character U\+0009/],
    ['an Audience with a control character', { audience: 'https://sp\u0001.example.com' }, 'audience', /control character U\+0001/],
    ['an Audience with a lone surrogate', { audience: 'urn:\uD83D' }, 'audience', /broken character/],
    [
      'an attribute name with U+FFFF',
      { samlAttributes: [{ ...valid.samlAttributes[0], name: 'mail\uFFFF' }] },
      'samlAttributes.0.name',
      /noncharacter U\+FFFF/,
    ],
    [
      'an attribute namespace with a private-use character',
      { samlAttributes: [{ ...valid.samlAttributes[0], namespace: 'urn:\uE000' }] },
      'samlAttributes.0.namespace',
      /private-use/,
    ],
    ['a Consumer URL with a lone surrogate', { consumerUrl: 'https://sp.example.com/\uDC00' }, 'consumerUrl', /broken character/],
    ['a Domain that WHATWG URL cannot parse', { metadataDomain: '999.999.999.999' }, 'metadataDomain', /host name or IPv4 address/],
    ['a signing certificate id that is no id', { signingCertificateId: 'x\uD800' }, 'signingCertificateId', /from the list/],
    // SAML bindings §3.5.3: RelayState is at most 80 bytes.
    ['a Target URL of 81 bytes', { targetUrl: `https://sp.example.com/${'x'.repeat(58)}` }, 'targetUrl', /80 bytes; this one has 81/],
    [
      'a Target URL of 33 characters but 83 bytes once encoded',
      { targetUrl: `https://sp.example.com/${'é'.repeat(10)}` },
      'targetUrl',
      /80 bytes; this one has 83/,
    ],
  ])('refuses %s', (_case, change, field, message) => {
    expect(errorsOf({ ...valid, ...change })[field]).toMatch(message);
  });

  test('accepts the default cookie name of a realm with the longest slug', () => {
    const longest = defaultPostAuthenticationValues({ slug: 'x'.repeat(60) });
    expect(errorsOf({ ...valid, cookieName: longest.cookieName })).toEqual({});
  });

  test('hidden SAML sections never block a save (no SAML redirect, unnamed attribute)', () => {
    const unnamed = { ...defined(valid.samlAttributes[0]), name: '', format: 'group-list' as const, groupFilter: '' };
    expect(errorsOf({ ...valid, redirect: 'none', samlAttributes: [unnamed] })).toEqual({});
    expect(errorsOf({ ...valid, samlAttributes: [unnamed] })).toMatchObject({
      'samlAttributes.0.name': 'Enter the attribute name',
      'samlAttributes.0.groupFilter': 'Enter a filter; * matches every group',
    });
  });

  test.each(['http://localhost:4000/acs', 'http://127.0.0.1:4000/acs'])('refuses plain http even on the loopback: %s', (consumerUrl) => {
    // The auto-POST runs in the end user's browser: "localhost" there is their machine, not this server.
    expect(errorsOf({ ...valid, consumerUrl }).consumerUrl).toMatch(/https/);
  });

  test('does not require SAML values while no SAML redirect is selected', () => {
    expect(errorsOf({ ...valid, redirect: 'none', consumerUrl: '', issuer: '' })).toEqual({});
  });

  test('accepts a Target URL of exactly 80 bytes', () => {
    const targetUrl = `https://sp.example.com/${'x'.repeat(57)}`;
    expect(new TextEncoder().encode(targetUrl)).toHaveLength(80);
    expect(errorsOf({ ...valid, targetUrl })).toEqual({});
  });

  test('stores the URLs sent to the service provider as WHATWG URL writes them, so all uses carry one string', () => {
    const raw = 'https://SP.example.com/acs/<tenant>?a="b"';
    const parsed = postAuthenticationSchema.parse({ ...valid, consumerUrl: raw, recipient: raw, targetUrl: raw, spStartUrl: raw });
    const href = new URL(raw).href;
    expect(href).toBe('https://sp.example.com/acs/%3Ctenant%3E?a=%22b%22');
    expect([parsed.consumerUrl, parsed.recipient, parsed.targetUrl, parsed.spStartUrl]).toEqual([href, href, href, href]);
  });

  test('trims surrounding spaces', () => {
    const parsed = postAuthenticationSchema.parse({ ...valid, issuer: '  urn:x  ' });
    expect(parsed.issuer).toBe('urn:x');
  });

  test('converters round trip, attribute order included', () => {
    const values = {
      ...valid,
      samlAttributes: [defined(valid.samlAttributes[0]), { ...defined(valid.samlAttributes[0]), name: 'second' }],
    };
    const { row, samlAttributes } = fromPostAuthenticationValues(values);
    expect(toPostAuthenticationValues({ ...row, realmId: 'r1', ...DB_ONLY }, [...samlAttributes].reverse())).toEqual(values);
  });
});
