import { beforeAll, describe, expect, test } from 'vitest';

import { ensureDefaultCertificate } from '@/lib/certificates/store';
import { generateCertificate } from '@/lib/crypto/certificates';
import { listChangeRecords } from '@/lib/history/repository';
import { exportRealms, parseRealmExport } from '@/lib/realm/export';
import { createRealm } from '@/lib/realm/realm-list-repository';
import { loadTab, saveTab } from '@/lib/realm/repository';
import { TEST_ADMIN } from '@/test/admin';
import { defined } from '@/test/defined';
import { fieldErrorsOf } from '@/test/schema-helpers';

import { type PostAuthenticationValues, defaultPostAuthenticationValues, postAuthenticationSchema } from './post-authentication';

// Issue 9's Post Authentication fields: SP Entity ID, Allowed ACS URLs, Require signed AuthnRequests, SP signing
// certificate, and the SP Start URL the SP-initiated redirects need.
const SP_CERT = generateCertificate({ commonName: 'Test SP', bits: 2048, years: 1 }).certPem.replace(/\r\n/g, '\n').trim();

const valid: PostAuthenticationValues = {
  ...defaultPostAuthenticationValues({ slug: 'sp' }),
  redirect: 'saml-sp-initiated-post',
  consumerUrl: 'https://eu-api.mimecast.com/login/saml',
  issuer: 'urn:realmgate:test',
  audience: 'https://eu-api.mimecast.com/sso/C0A0',
  spStartUrl: 'https://login-eu.mimecast.com/u/login/?gta=apps',
  spEntityId: 'https://eu-api.mimecast.com/sso/C0A0',
  allowedAcsUrls: 'https://eu-api.mimecast.com/login/sso/mpp',
  requireSignedAuthn: true,
  spCertificate: SP_CERT,
};

const errorsOf = (change: Partial<Record<keyof PostAuthenticationValues, unknown>>) =>
  fieldErrorsOf(postAuthenticationSchema, { ...valid, ...change });

describe('the SP-initiated fields of Post Authentication', () => {
  test.each([
    ['both SP-initiated redirects', { redirect: 'saml-sp-initiated' }],
    ['an empty SP Entity ID (the SAML Audience is used)', { spEntityId: '' }],
    ['no allowed ACS URLs', { allowedAcsUrls: '' }],
    [
      'ten allowed ACS URLs, blank lines between',
      { allowedAcsUrls: Array.from({ length: 10 }, (_, i) => `https://sp.example.com/${i}\n`).join('\n') },
    ],
    ['unsigned requests without a certificate', { requireSignedAuthn: false, spCertificate: '' }],
    ['an IdP-initiated realm without an SP Start URL', { redirect: 'saml-idp-initiated', spStartUrl: '' }],
  ] as [string, Partial<PostAuthenticationValues>][])('accepts %s', (_case, change) => {
    expect(errorsOf(change)).toEqual({});
  });

  test.each([
    ['an SP-initiated redirect without an SP Start URL', { spStartUrl: '' }, 'spStartUrl', /Enter the SP Start URL/],
    ['an http SP Start URL', { spStartUrl: 'http://sp.example.com/login' }, 'spStartUrl', /https/],
    ['an http ACS URL in the list', { allowedAcsUrls: 'https://a.example.com/acs\nhttp://b.example.com/acs' }, 'allowedAcsUrls', /https/],
    [
      'eleven ACS URLs',
      { allowedAcsUrls: Array.from({ length: 11 }, (_, i) => `https://sp.example.com/${i}`).join('\n') },
      'allowedAcsUrls',
      /at most 10/,
    ],
    ['signed requests required without a certificate', { spCertificate: '' }, 'spCertificate', /signed AuthnRequests are checked with it/],
    ['a certificate that is not PEM', { spCertificate: 'MIIB…' }, 'spCertificate', /PEM/],
    ['an SP Entity ID on two lines', { spEntityId: 'a\nb' }, 'spEntityId', /single line/],
  ] as [string, Partial<PostAuthenticationValues>, string, RegExp][])('refuses %s', (_case, change, field, message) => {
    expect(errorsOf(change)[field]).toMatch(message);
  });

  test('stores each allowed ACS URL as the browser serialises it, one a line', () => {
    const parsed = postAuthenticationSchema.parse({
      ...valid,
      allowedAcsUrls: '  HTTPS://SP.Example.com/a\r\n\r\nhttps://sp.example.com/b?x=<1>  ',
    });
    expect(parsed.allowedAcsUrls).toBe('https://sp.example.com/a\nhttps://sp.example.com/b?x=%3C1%3E');
  });
});

describe('saving, history and export', () => {
  beforeAll(async () => {
    await ensureDefaultCertificate();
  });

  test('a certificate that does not parse is refused on save; a good one is saved, recorded and exported', async () => {
    const realm = await createRealm(TEST_ADMIN, 'SP fields realm', (defaults) => defaults);
    const { version } = await loadTab(realm.id, 'post-authentication');
    const broken = `-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----`;
    await expect(saveTab(TEST_ADMIN, realm.id, 'post-authentication', { ...valid, spCertificate: broken }, version)).rejects.toMatchObject({
      fieldErrors: { spCertificate: expect.stringMatching(/not a readable X.509 certificate/) },
    });
    const saved = await saveTab(TEST_ADMIN, realm.id, 'post-authentication', valid, version);
    expect(saved.values).toMatchObject({ spEntityId: valid.spEntityId, requireSignedAuthn: true, spCertificate: SP_CERT });

    const { records } = await listChangeRecords({ page: 1, realmId: realm.id });
    const labels = defined(records[0]).changes.map((change) => change.label);
    expect(labels).toEqual(
      expect.arrayContaining(['SP Entity ID', 'Allowed ACS URLs', 'Require signed AuthnRequests', 'SP signing certificate']),
    );

    const exported = await exportRealms([realm.id]);
    const tab = defined(exported.realms[0]).tabs['post-authentication'];
    expect(tab).toMatchObject({
      spEntityId: valid.spEntityId,
      allowedAcsUrls: valid.allowedAcsUrls,
      requireSignedAuthn: true,
      spCertificate: SP_CERT,
    });
    const imported = parseRealmExport(JSON.stringify(exported));
    expect(imported.ok && imported.realms[0]?.values['post-authentication']).toMatchObject({
      spStartUrl: valid.spStartUrl,
      spCertificate: SP_CERT,
    });
  });
});
