import { createSign, generateKeyPairSync } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';

import { db } from '@/lib/db';
import { validateAgainstXsd, verifyWithXmlsec1 } from '@/test/saml-verifiers';

import { handleRealmGet, handleRealmPost } from './endpoint';
import { ACS, browser, setUpSsoRealm, sso, type Reply } from './test-realm';
import {
  OTHER_ACS,
  SP_ENTITY_ID,
  deliver,
  idpMetadata,
  nodeSamlSp,
  postedForm,
  spKeys,
  spRealm,
  ssoUrlOf,
  startWithNodeSaml,
} from './test-sp';

// Hostile and broken AuthnRequests: each gets the error page (400, no SAMLResponse at all) or, once the request is the
// SP's and names a trusted ACS, a signed SAML error Response there; never an assertion.
vi.setConfig({ testTimeout: 60_000 });

let open = '';
let signed = '';
beforeAll(async () => {
  await setUpSsoRealm();
  open = (await spRealm()).slug;
  signed = (await spRealm({ requireSignedAuthn: true })).slug;
});
afterEach(() => {
  vi.restoreAllMocks();
});

const instant = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
let ids = 0;

type RequestParts = {
  id?: string;
  version?: string;
  issuer?: string;
  destination?: string | null;
  acs?: string | null;
  extra?: string;
  body?: string;
  prolog?: string;
};

/** An AuthnRequest as an SP writes it (a template on purpose: these tests need to write what no builder would). */
function requestXml(slug: string, parts: RequestParts = {}): string {
  const id = parts.id ?? `_req${(ids += 1)}`;
  const destination = parts.destination === undefined ? ssoUrlOf(slug) : parts.destination;
  const acs = parts.acs === undefined ? ACS : parts.acs;
  const attributes = [
    `ID="${id}"`,
    `Version="${parts.version ?? '2.0'}"`,
    `IssueInstant="${instant()}"`,
    destination === null ? '' : `Destination="${destination}"`,
    acs === null ? '' : `AssertionConsumerServiceURL="${acs}"`,
    parts.extra ?? '',
  ].join(' ');
  return `${parts.prolog ?? ''}<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ${attributes}><saml:Issuer>${parts.issuer ?? SP_ENTITY_ID}</saml:Issuer>${parts.body ?? ''}</samlp:AuthnRequest>`;
}

const byRedirect = (slug: string, xml: string, relayState?: string) => {
  const query = new URLSearchParams({ SAMLRequest: deflateRawSync(Buffer.from(xml)).toString('base64') });
  if (relayState !== undefined) query.set('RelayState', relayState);
  return handleRealmGet(new Request(`http://idp.test/sso/${slug}?${query}`), slug);
};
const byPost = (slug: string, xml: string, relayState?: string) =>
  handleRealmPost(
    new Request(`http://idp.test/sso/${slug}`, {
      method: 'POST',
      body: new URLSearchParams({
        SAMLRequest: Buffer.from(xml).toString('base64'),
        ...(relayState === undefined ? {} : { RelayState: relayState }),
      }),
    }),
    slug,
  );

async function expectRefused(response: Reply, reason: RegExp, logged: { mock: { calls: unknown[][] } }) {
  const html = await response.text();
  expect(response.status).toBe(400);
  expect(html).toContain('The application asked for a sign-in that cannot be accepted');
  expect(html).not.toContain('SAMLResponse');
  const reasons = logged.mock.calls.map(([line]) => (JSON.parse(String(line)) as { reason?: string }).reason).join('\n');
  expect(reasons).toMatch(reason);
}

const BILLION_LAUGHS = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>';

describe('an AuthnRequest the realm refuses with the error page', () => {
  test.each([
    ['from an unknown SP', { issuer: 'https://evil.example.com' }, /Issuer "https:\/\/evil.example.com" is not the realm's SP Entity ID/],
    ['with a comment that would shorten its Issuer', { issuer: `${SP_ENTITY_ID}<!---->.evil` }, /Issuer "https:\/\/sp.example.com.evil"/],
    [
      'naming a foreign ACS',
      { acs: 'https://evil.example.com/acs' },
      /ACS URL "https:\/\/evil.example.com\/acs" is not one of the realm's/,
    ],
    ['naming a plain-http ACS', { acs: 'http://sp.example.com/saml/acs' }, /is not one of the realm's/],
    [
      'to another Destination',
      { destination: 'https://idp.other.example/sso/x' },
      /Destination "https:\/\/idp.other.example\/sso\/x" is not this realm's SSO URL/,
    ],
    ['with a DTD and entities', { prolog: BILLION_LAUGHS, issuer: '&lol2;' }, /document type or entity declaration/],
    ['with an external entity', { prolog: '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>', issuer: '&x;' }, /document type/],
    ['without an ID', { id: '' }, /no valid ID/],
    ['with a Version other than 2.0', { version: '1.1' }, /Version is 1.1, not 2.0/],
    ['that is not well-formed', { body: '<saml:Unclosed>' }, /not well-formed/],
  ] as [string, RequestParts, RegExp][])('%s, by either binding', async (_case, parts, reason) => {
    for (const send of [byRedirect, byPost]) {
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      await expectRefused(await send(open, requestXml(open, parts)), reason, logged);
      logged.mockRestore();
    }
  });

  test('that is too old, or from the future', async () => {
    for (const offset of [-20 * 60_000, 11 * 60_000]) {
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const xml = requestXml(open).replace(/IssueInstant="[^"]+"/, `IssueInstant="${instant(offset)}"`);
      await expectRefused(await byRedirect(open, xml), /IssueInstant .* is too far from now/, logged);
    }
  });

  test('that is not an AuthnRequest', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const xml = requestXml(open).replace(/AuthnRequest/g, 'LogoutRequest');
    await expectRefused(await byPost(open, xml), /a LogoutRequest, not a samlp:AuthnRequest/, logged);
  });

  test('that inflates beyond 16 KB (a DEFLATE bomb), or is not DEFLATE or base64', async () => {
    const bomb = requestXml(open, { body: `<!--${' '.repeat(2_000_000)}-->` });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expectRefused(await byRedirect(open, bomb), /inflates to more than 16384 bytes/, logged);
    const notDeflate = handleRealmGet(
      new Request(`http://idp.test/sso/${open}?SAMLRequest=${encodeURIComponent(Buffer.from('plain').toString('base64'))}`),
      open,
    );
    await expectRefused(await notDeflate, /not DEFLATE-compressed/, logged);
    await expectRefused(await handleRealmGet(new Request(`http://idp.test/sso/${open}?SAMLRequest=%25%25`), open), /not base64/, logged);
  });

  test('posted in a body over 16 KB: 413, never parsed', async () => {
    const response = await byPost(open, requestXml(open, { body: `<!--${'x'.repeat(20_000)}-->` }));
    expect(response.status).toBe(413);
    expect(await response.text()).not.toContain('SAMLResponse');
  });

  test('at a realm without a SAML redirect', async () => {
    const none = (await spRealm({ redirect: 'none' })).slug;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expectRefused(await byRedirect(none, requestXml(none)), /has no SAML 2.0 redirect/, logged);
  });
});

/** A request signed with the POST binding's enveloped signature, by another key or with SHA-1 where asked. */
async function signedPostRequest(slug: string, key?: string) {
  const saml = nodeSamlSp(slug, await idpMetadata(slug), { binding: 'post', sign: true });
  if (key) (saml.options as { privateKey: string }).privateKey = key;
  const started = await startWithNodeSaml(saml, { binding: 'post' });
  return started.form?.SAMLRequest ?? '';
}

const otherKey = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('signed AuthnRequests at a realm that requires them', () => {
  test('an unsigned request is refused, by either binding', async () => {
    for (const send of [byRedirect, byPost]) {
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      await expectRefused(await send(signed, requestXml(signed)), /not signed, and the realm requires signed requests/, logged);
      logged.mockRestore();
    }
  });

  test('a Redirect request signed by another key, or with RSA-SHA1, is refused', async () => {
    const xml = Buffer.from(deflateRawSync(Buffer.from(requestXml(signed)))).toString('base64');
    for (const [algorithm, uri] of [
      ['sha256', 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256'],
      ['sha1', 'http://www.w3.org/2000/09/xmldsig#rsa-sha1'],
    ]) {
      const key = algorithm === 'sha1' ? spKeys().keyPem : otherKey();
      const query = `SAMLRequest=${encodeURIComponent(xml)}&SigAlg=${encodeURIComponent(uri ?? '')}`;
      const signature = createSign(algorithm ?? '')
        .update(query)
        .sign(key, 'base64');
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const response = await handleRealmGet(
        new Request(`http://idp.test/sso/${signed}?${query}&Signature=${encodeURIComponent(signature)}`),
        signed,
      );
      await expectRefused(response, algorithm === 'sha1' ? /rsa-sha1 is refused/ : /query signature does not verify/, logged);
    }
  });

  test('a POST request signed by another key, or changed after signing, is refused', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const byOtherKey = await signedPostRequest(signed, otherKey());
    const post = (encoded: string) =>
      handleRealmPost(
        new Request(`http://idp.test/sso/${signed}`, { method: 'POST', body: new URLSearchParams({ SAMLRequest: encoded }) }),
        signed,
      );
    await expectRefused(await post(byOtherKey), /signature does not verify/, logged);
    const genuine = inflateRawSync(Buffer.from(await signedPostRequest(signed), 'base64')).toString();
    const changed = genuine.replace(`AssertionConsumerServiceURL="${ACS}"`, `AssertionConsumerServiceURL="${OTHER_ACS}"`);
    expect(changed).not.toBe(genuine);
    await expectRefused(await post(Buffer.from(changed).toString('base64')), /signature does not verify/, logged);
  });

  test.each([
    ['kept inside it, its signature with it', 'nested', /exactly one signature, on its root element/],
    ['inside it, its signature moved onto the attacker root', 'moved', /the signature does not refer to the request/],
  ])('a genuine signed request wrapped in another request (signature wrapping): %s', async (_case, how, reason) => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const genuine = inflateRawSync(Buffer.from(await signedPostRequest(signed), 'base64'))
      .toString()
      .replace(/^<\?xml[^>]*\?>/, '');
    const signature = /<(\w+:)?Signature[\s\S]*<\/(\w+:)?Signature>/.exec(genuine)?.[0] ?? '';
    expect(signature).not.toBe('');
    // The attacker's own root (another ID, another ACS of the SP) carries the SP's signed request in its Extensions.
    const inner = how === 'nested' ? genuine : genuine.replace(signature, '');
    const body = `${how === 'moved' ? signature : ''}<samlp:Extensions>${inner}</samlp:Extensions>`;
    const wrapped = requestXml(signed, { acs: OTHER_ACS, body });
    await expectRefused(await byPost(signed, wrapped), reason, logged);
  });
});

describe('a request the SP sent to a trusted ACS that cannot be honoured: a signed SAML error Response there', () => {
  test.each([
    [
      'a binding other than HTTP-POST',
      { extra: 'ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact"' },
      'UnsupportedBinding',
      ACS,
    ],
    ['an ACS index instead of a URL', { acs: null, extra: 'AssertionConsumerServiceIndex="1"' }, 'RequestUnsupported', ACS],
  ] as [string, RequestParts, string, string][])('%s', async (_case, parts, subCode, acs) => {
    const xml = requestXml(open, { ...parts, id: '_unsupported1' });
    const posted = await postedForm(await byRedirect(open, xml, 'keep-me'));
    expect(posted.action).toBe(acs);
    expect(posted.relayState).toBe('keep-me');
    expect(posted.xml).toContain('InResponseTo="_unsupported1"');
    expect(posted.xml).toContain('<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Requester">');
    expect(posted.xml).toContain(`urn:oasis:names:tc:SAML:2.0:status:${subCode}`);
    expect(posted.xml).not.toContain('<saml:Assertion');
    expect(() => validateAgainstXsd(posted.xml, 'protocol')).not.toThrow();
    expect(() => verifyWithXmlsec1(posted.xml, sso.certPem, 'Response')).not.toThrow();
  });

  test('a RelayState over 80 bytes: Requester, and the RelayState is not sent back', async () => {
    const posted = await postedForm(await byPost(open, requestXml(open, { acs: OTHER_ACS }), 'é'.repeat(41)));
    expect(posted.action).toBe(OTHER_ACS);
    expect(posted.relayState).toBeNull();
    expect(posted.xml).toMatch(/status:Requester"><\/samlp:StatusCode><samlp:StatusMessage>RelayState is longer than 80 bytes/);
  });

  test('IsPassive without a session: NoPassive, which node-saml reads as no user signed in', async () => {
    const metadata = await idpMetadata(open);
    const saml = nodeSamlSp(open, metadata, { binding: 'redirect', isPassive: true });
    const started = await startWithNodeSaml(saml, { binding: 'redirect', relayState: 'passive-state' });
    const posted = await postedForm(await deliver(browser(open), started, open, Date.now()));
    expect(posted.relayState).toBe('passive-state');
    expect(posted.xml).toContain('urn:oasis:names:tc:SAML:2.0:status:NoPassive');
    // node-saml's answer to NoPassive: no profile, and no error (the SP goes on without a signed-in user).
    await expect(saml.validatePostResponseAsync({ SAMLResponse: posted.samlResponse })).resolves.toMatchObject({ profile: null });
    expect(await db.signInTransaction.count({ where: { realm: { slug: open } } })).toBe(0);
  });
});
