import { beforeAll, describe, expect, test, vi } from 'vitest';

import { createRealm } from '@/lib/realm/realm-list-repository';
import { validateAgainstXsd, validateWithNodeSaml } from '@/test/saml-verifiers';

import { handleMetadata } from './metadata';
import { ACS, NOW, PASSWORD, realmValues, samlResponseOf, setUpSsoRealm, signInForm, sso, url } from './test-realm';
import { TEST_ADMIN } from '@/test/admin';

beforeAll(setUpSsoRealm);

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

  test("defaults to the request's host", async () => {
    expect(await (await get('', { host: 'login.example.org' })).text()).toContain('Location="https://login.example.org/sso/sso-test"');
  });

  test.each(['https://idp.example.com', 'idp.example.com/sso', 'idp example', '-bad-.com', 'idp.example.com:99999', '<script>'])(
    'refuses the domain %s with a 400',
    async (domain) => {
      const response = await get(`?domain=${encodeURIComponent(domain)}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toMatch(/is not a domain/);
      expect(await (await get(`?domain=${encodeURIComponent(domain)}`)).text()).not.toContain(domain); // never reflected
    },
  );

  test('normalises the domain as a browser would', async () => {
    expect(await (await get('?domain=IdP.Example.com:443')).text()).toContain('Location="https://idp.example.com/sso/sso-test"');
    expect(await (await get('?domain=idp.example.com:8443')).text()).toContain('Location="https://idp.example.com:8443/sso/sso-test"');
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
