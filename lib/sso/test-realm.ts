// The realm, users and helpers that the SSO endpoint and metadata tests share.
import { expect, vi } from 'vitest';

import { ensureDefaultCertificate, listCertificates, loadCertificateFile, saveCertificate } from '@/lib/certificates/store';
import { generateCertificate } from '@/lib/crypto/certificates';
import { createUser, loadUser, saveUser } from '@/lib/directory/repository';
import { createRealm } from '@/lib/realm/realm-list-repository';
import type { TabValues } from '@/lib/realm/schemas';
import { validateWithNodeSaml, verifySignatures } from '@/test/saml-verifiers';

import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';

import { handleRealmGet, handleRealmPost } from './endpoint';
import { defined } from '@/test/defined';
import { TEST_ADMIN } from '@/test/admin';

export const ACS = 'https://sp.example.com/saml/acs';
export const NOW = Date.parse('2026-11-28T12:00:00Z');
export const PASSWORD = 'correct horse battery';
/** The realm every SSO test file signs in to, and its signing certificate: set by setUpSsoRealm(). */
export const sso = { slug: '', certPem: '' };

export async function addUser(username: string, email2: string) {
  const user = await createUser(TEST_ADMIN, { username, password: PASSWORD });
  const { values, version } = await loadUser(user.id);
  await saveUser(
    TEST_ADMIN,
    user.id,
    { ...values, email2, email1: `${username}@mail.example.com`, groups: 'Finance\nStaff\nContractors' },
    version,
  );
}

export function realmValues(defaults: TabValues): TabValues {
  return {
    ...defaults,
    workflow: { ...defaults.workflow, defaultWorkflow: 'username-password', maxInvalidAttempts: 3, lockoutMinutes: 10 },
    'post-authentication': {
      ...defaults['post-authentication'],
      redirect: 'saml-idp-initiated',
      userIdMapping: 'email2',
      consumerUrl: ACS,
      recipient: ACS,
      issuer: 'urn:realmgate:test-idp',
      audience: 'https://sp.example.com',
      offsetMinutes: 3,
      validHours: 2,
      targetUrl: 'https://sp.example.com/after?x="1"&y=<2>',
      samlAttributes: [{ name: 'groups', namespace: '', format: 'group-list', value: 'groups', groupFilter: 'F*' }],
    },
  };
}

/** For a test file's beforeAll: the default certificate, the "SSO Test" realm and its users. */
export async function setUpSsoRealm() {
  // The default certificate, valid at the fixed NOW of these tests (a new one would start at the real now).
  await saveCertificate(
    TEST_ADMIN,
    generateCertificate({ commonName: 'Test default', bits: 2048, years: 30, now: new Date('2026-01-01T00:00:00Z') }),
    'generate',
  );
  expect(await ensureDefaultCertificate()).toBe(false);
  const realm = await createRealm(TEST_ADMIN, 'SSO Test', realmValues);
  sso.slug = realm.slug;
  await addUser('jane', 'jane.mimecast@example.com');
  await addUser('noemail2', '');
  const { id } = defined((await listCertificates())[0]);
  sso.certPem = (await loadCertificateFile(id))?.pem ?? '';
}

/** What the tests read of an answer, from a handler (SsoReply) or over HTTP (a fetch Response). */
export type Reply = Pick<Response, 'status' | 'headers' | 'text'>;

export const url = (suffix = '') => `http://idp.test/sso/${sso.slug}${suffix}`;
export const cookiesOf = (response: Reply) => response.headers.getSetCookie();
export const cookieHeader = (setCookies: string[]) => setCookies.map((cookie) => cookie.split(';')[0]).join('; ');

/**
 * A browser for the sign-in steps: keeps the cookies the responses set (and drops those they clear), and posts
 * each form with the CSRF token of its cookie, from one client address.
 */
let browsers = 0;

export function browser(slug = sso.slug, address = `2001:db8::${(browsers += 1).toString(16)}`) {
  const jar = new Map<string, string>();
  const base = `http://idp.test/sso/${slug}`;
  const headers = () => ({
    cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
    [CLIENT_ADDRESS_HEADER]: address,
  });
  const keep = (response: Reply) => {
    for (const cookie of cookiesOf(response)) {
      const [pair = ''] = cookie.split(';');
      const [name = '', ...value] = pair.split('=');
      if (/Max-Age=0(;|$)/.test(cookie)) jar.delete(name);
      else jar.set(name, value.join('='));
    }
    return response;
  };
  const request = (fields: Record<string, string>, suffix = '') =>
    new Request(`${base}${suffix}`, {
      method: 'POST',
      body: new URLSearchParams({ csrf: jar.get('realmgate_csrf') ?? '', ...fields }),
      headers: headers(),
    });
  return {
    jar,
    request,
    get: async (now = NOW) => keep(await handleRealmGet(new Request(base, { headers: headers() }), slug, now)),
    post: async (fields: Record<string, string>, now = NOW) => keep(await handleRealmPost(request(fields), slug, now)),
    /** A request to a sub-route (logout) with this browser's cookies, for the caller's own handler. */
    subRequest: (suffix: string, fields?: Record<string, string>) =>
      fields ? request(fields, suffix) : new Request(`${base}${suffix}`, { headers: headers() }),
    keep,
  };
}

export type TestBrowser = ReturnType<typeof browser>;

/** Username | Password up to the password step (at `now`): the request that posts the password. */
export async function signInRequest(username: string, password: string, slug = sso.slug, now = NOW) {
  const client = browser(slug);
  await client.get(now);
  await client.post({ step: 'username', username }, now);
  return client.request({ step: 'password', password });
}

export async function signInForm(username: string, password: string, slug = sso.slug, now = NOW) {
  return handleRealmPost(await signInRequest(username, password, slug, now), slug, now);
}

/** The SAMLResponse an auto-POST page carries, once xml-crypto and xmlsec1 have checked both its signatures. */
export const samlResponseOf = async (response: Reply) => {
  const html = await response.text();
  const value = /name="SAMLResponse" value="([^"]+)"/.exec(html)?.[1];
  if (!value) throw new Error(`no SAMLResponse in: ${html.slice(0, 300)}`);
  const signed = verifySignatures(Buffer.from(value, 'base64').toString('utf8'), sso.certPem).map(({ element }) => element);
  expect(signed).toEqual(['Response', 'Assertion']);
  return { html, samlResponse: value };
};

export async function spProfile(samlResponse: string, at = NOW) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
  try {
    return await validateWithNodeSaml(samlResponse, {
      idpCertPem: sso.certPem,
      idpIssuer: 'urn:realmgate:test-idp',
      audience: 'https://sp.example.com',
      callbackUrl: ACS,
      wantAuthnResponseSigned: true,
    });
  } finally {
    vi.useRealTimers();
  }
}
