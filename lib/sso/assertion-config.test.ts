import { describe, expect, test } from 'vitest';

import { type PostAuthenticationValues, defaultPostAuthenticationValues } from '@/lib/realm/schemas/post-authentication';

import { checkedConfig } from './assertion-config';
import type { SsoRealm } from './realm';

const base: PostAuthenticationValues = {
  ...defaultPostAuthenticationValues({ slug: 'unit' }),
  redirect: 'saml-idp-initiated',
  consumerUrl: 'https://sp.example.com/acs',
  issuer: 'urn:idp',
  audience: 'https://sp.example.com',
  signAssertion: true,
  signMessage: true,
};
const realmWith = (change: Partial<PostAuthenticationValues>) => ({ slug: 'unit', postAuthentication: { ...base, ...change } }) as SsoRealm;

describe('what issuing an assertion needs of the stored Post Authentication', () => {
  test('a complete SAML configuration issues, its URLs as a browser sends them', () => {
    expect(checkedConfig(realmWith({ targetUrl: 'https://sp.example.com/a b' })).targetUrl).toBe('https://sp.example.com/a%20b');
  });

  test.each<[string, Partial<PostAuthenticationValues>, RegExp]>([
    ['another redirect', { redirect: 'none' }, /not a SAML 2\.0 redirect/],
    ['no Consumer URL', { consumerUrl: '' }, /consumerUrl: The SAML Consumer URL is required/],
    ['a plain http Consumer URL', { consumerUrl: 'http://sp.example.com/acs' }, /consumerUrl/],
    ['a Recipient that is no https URL', { recipient: 'javascript:alert(1)' }, /recipient/],
    ['no Issuer', { issuer: '' }, /issuer: Enter the Issuer/],
    ['no Audience', { audience: '' }, /audience: Enter the SAML Audience/],
    ['a placeholder Audience', { audience: 'us.<ACCOUNT_CODE>' }, /audience: Replace <ACCOUNT_CODE>/],
    ['nothing signed', { signAssertion: false, signMessage: false }, /signAssertion: an unsigned response/],
    ['encryption asked for', { encryptAssertion: true as false }, /encryptAssertion/],
    ['a control character in the Issuer', { issuer: 'urn:\u0001' }, /issuer: Remove the invisible control character U\+0001/],
    [
      'an attribute without a name',
      { samlAttributes: [{ name: '', namespace: '', format: 'basic', value: 'email1', groupFilter: '' }] },
      /samlAttributes\.0\.name: Enter the attribute name/,
    ],
  ])('refuses %s', (_case, change, reason) => {
    expect(() => checkedConfig(realmWith(change))).toThrow(expect.objectContaining({ reason: expect.stringMatching(reason) }));
  });
});
