import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';

import { createRealm } from '@/lib/realm/realm-list-repository';
import { validateAgainstXsd, validateWithNodeSaml } from '@/test/saml-verifiers';

import { handleMetadata } from './metadata';
import { ACS, NOW, PASSWORD, realmValues, samlResponseOf, setUpSsoRealm, signInForm, sso, url } from './test-realm';
import { TEST_ADMIN } from '@/test/admin';

beforeAll(setUpSsoRealm);

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the metadata download', () => {
  const get = (query: string, headers: Record<string, string> = {}) =>
    handleMetadata(new Request(url(`/metadata${query}`), { headers }), sso.slug);

  test('serves the realm metadata for a domain, as a file download', async () => {
    const response = await get('?domain=idp.example.com');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/samlmetadata+xml; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="sso-test-idp-metadata.xml"');
    const xml = await response.text();
    expect(xml).toContain('entityID="urn:realmgate:test-idp"');
    expect(xml).toContain('Location="https://idp.example.com/sso/sso-test"');
    expect(xml).toContain(sso.certPem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, ''));
    expect(() => validateAgainstXsd(xml, 'metadata')).not.toThrow();
  });

  test('defaults to the Domain saved on Post Authentication', async () => {
    const realm = await createRealm(TEST_ADMIN, 'Saved domain realm', (defaults) => {
      const values = realmValues(defaults);
      return { ...values, 'post-authentication': { ...values['post-authentication'], metadataDomain: 'sso.example.net' } };
    });
    const response = await handleMetadata(
      new Request(`http://idp.test/sso/${realm.slug}/metadata`, { headers: { host: 'other.example.org' } }),
      realm.slug,
    );
    expect(await response.text()).toContain(`Location="https://sso.example.net/sso/${realm.slug}"`);
  });

  test.each([
    [
      'REALMGATE_PUBLIC_URL, whatever the Host',
      { REALMGATE_PUBLIC_URL: 'https://idp.example.com/' },
      { host: 'evil.test' },
      'idp.example.com',
    ],
    ['the Host when it is listed', { REALMGATE_ALLOWED_HOSTS: 'login.example.org' }, { host: 'login.example.org' }, 'login.example.org'],
    ['the Host on loopback', {}, { host: 'localhost:3000' }, 'localhost:3000'],
    [
      "a declared proxy's forwarded host when it is listed",
      { REALMGATE_TRUST_PROXY: '1', REALMGATE_ALLOWED_HOSTS: 'login.example.org' },
      { host: '127.0.0.1:3000', 'x-forwarded-host': 'login.example.org' },
      'login.example.org',
    ],
  ])('without a Domain, defaults to %s', async (_name, env, headers, host) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    expect(await (await get('', headers)).text()).toContain(`Location="https://${host}/sso/sso-test"`);
  });

  test.each([
    ['an unlisted Host', {}, { host: 'evil.test' }],
    [
      'an unlisted host forwarded by a declared proxy',
      { REALMGATE_TRUST_PROXY: '1' },
      { host: '127.0.0.1:3000', 'x-forwarded-host': 'evil.test' },
    ],
  ])('without a Domain, refuses to name %s and says which setting to make', async (_name, env, headers) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    const response = await get('', headers);
    expect(response.status).toBe(400);
    const message = await response.text();
    expect(message).toContain('Set REALMGATE_PUBLIC_URL');
    expect(message).not.toContain('evil.test');
  });

  test.each([
    'https://idp.example.com',
    'idp.example.com/sso',
    'idp example',
    '-bad-.com',
    'idp.example.com:99999',
    '<script>',
    // WHATWG URL reads these as IPv4 addresses and throws: they were 500s
    '999.999.999.999',
    '4294967296',
    '256.256.256.256',
    'xn--a.com',
  ])('refuses the domain %s with a 400', async (domain) => {
    const response = await get(`?domain=${encodeURIComponent(domain)}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toMatch(/is not a domain/);
    expect(await (await get(`?domain=${encodeURIComponent(domain)}`)).text()).not.toContain(domain); // never reflected
  });

  test('normalises the domain as a browser would', async () => {
    expect(await (await get('?domain=IdP.Example.com:443')).text()).toContain('Location="https://idp.example.com/sso/sso-test"');
    expect(await (await get('?domain=idp.example.com:8443')).text()).toContain('Location="https://idp.example.com:8443/sso/sso-test"');
    expect(await (await get('?domain=192.0.2.10')).text()).toContain('Location="https://192.0.2.10/sso/sso-test"');
  });

  test('a malformed Host header is a 400, not a crash', async () => {
    expect((await get('', { host: 'a b' })).status).toBe(400);
  });

  test('is accepted by node-saml as the SP configuration for a real sign-in', async () => {
    const xml = await (await get('?domain=idp.example.com')).text();
    const entityId = /entityID="([^"]+)"/.exec(xml)?.[1] ?? '';
    const certificate = /<ds:X509Certificate>([^<]+)</.exec(xml)?.[1] ?? '';
    const { samlResponse } = await samlResponseOf(await signInForm('jane', PASSWORD));
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    try {
      const profile = await validateWithNodeSaml(samlResponse, {
        idpCertPem: certificate,
        idpIssuer: entityId,
        audience: 'https://sp.example.com',
        callbackUrl: ACS,
      });
      expect(profile.nameID).toBe('jane.mimecast@example.com');
    } finally {
      vi.useRealTimers();
    }
  });
});
