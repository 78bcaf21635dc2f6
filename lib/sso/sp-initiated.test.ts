import { beforeAll, describe, expect, test, vi } from 'vitest';

import { db } from '@/lib/db';
import { validateAgainstXsd } from '@/test/saml-verifiers';

import { handleRealmGet, handleRealmPost } from './endpoint';
import { ACS, browser, setUpSsoRealm } from './test-realm';
import {
  type Binding,
  OTHER_ACS,
  acceptWithPysaml2,
  deliver,
  idpMetadata,
  nodeSamlSp,
  postedForm,
  signInAsJane,
  spRealm,
  startWithNodeSaml,
  startWithPysaml2,
} from './test-sp';

// Real SPs check times against the real clock: these tests run at the real now. Each walks sign-in steps and runs
// pysaml2 (a Python process, xmlsec1): give a shared, busy machine room.
vi.setConfig({ testTimeout: 60_000 });

let open: { slug: string; metadata: string };
let signed: { slug: string; metadata: string };

beforeAll(async () => {
  await setUpSsoRealm();
  const openRealm = await spRealm();
  const signedRealm = await spRealm({ requireSignedAuthn: true });
  open = { slug: openRealm.slug, metadata: await idpMetadata(openRealm.slug) };
  signed = { slug: signedRealm.slug, metadata: await idpMetadata(signedRealm.slug) };
});

const RELAY_STATE = 'sp-state: "quotes" & <angles> ü';
const BINDINGS: Binding[] = ['redirect', 'post'];
const CASES = BINDINGS.flatMap((binding) => [
  { binding, sign: false, realm: () => open },
  { binding, sign: true, realm: () => signed },
]);

describe('SP-initiated SSO with node-saml as the service provider', () => {
  test.each(CASES)(
    'by $binding, signed: $sign: node-saml accepts the answer, its InResponseTo and RelayState',
    async ({ binding, sign, realm }) => {
      const { slug, metadata } = realm();
      const now = Date.now();
      const saml = nodeSamlSp(slug, metadata, { binding, sign });
      const started = await startWithNodeSaml(saml, { binding, relayState: RELAY_STATE });
      const client = browser(slug);
      const page = await deliver(client, started, slug, now);
      expect(await page.text()).toContain('name="username"');
      const posted = await postedForm(await signInAsJane(client, now));
      expect(posted.action).toBe(ACS);
      expect(posted.relayState).toBe(RELAY_STATE);
      expect(posted.xml).toMatch(new RegExp(`<samlp:Response [^>]*InResponseTo="${started.requestId}"`));
      expect(posted.xml).toMatch(new RegExp(`<saml:SubjectConfirmationData InResponseTo="${started.requestId}"`));
      expect(() => validateAgainstXsd(posted.xml, 'protocol')).not.toThrow();
      const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: posted.samlResponse });
      expect(profile?.nameID).toBe('jane.mimecast@example.com');
      expect(await db.signInTransaction.count({ where: { realm: { slug } } })).toBe(0);
    },
  );
});

describe('SP-initiated SSO with pysaml2 as the service provider', () => {
  test.each(CASES)(
    'by $binding, signed: $sign: pysaml2 accepts the answer, its InResponseTo and RelayState',
    async ({ binding, sign, realm }) => {
      const { slug, metadata } = realm();
      const now = Date.now();
      const started = startWithPysaml2(metadata, { binding, sign, relayState: RELAY_STATE });
      const client = browser(slug);
      await deliver(client, started, slug, now);
      const posted = await postedForm(await signInAsJane(client, now));
      expect(posted.relayState).toBe(RELAY_STATE);
      const accepted = acceptWithPysaml2(metadata, posted.samlResponse, started.requestId);
      expect(accepted).toMatchObject({ name_id: 'jane.mimecast@example.com', in_response_to: started.requestId });
    },
  );
});

/** A browser signed in to the realm (an SSO session), by a sign-in without any SP request. */
async function signedInBrowser(slug: string, now: number) {
  const client = browser(slug);
  await client.get(now);
  const response = await signInAsJane(client, now);
  expect(response.status).toBe(303); // SP-initiated realm, no request: on to the SP Start URL
  expect(response.headers.get('location')).toBe('https://sp.example.com/login');
  return client;
}

describe('an SP request and the SSO session', () => {
  test.each(BINDINGS)('by %s, a signed-in user is answered at once, with InResponseTo and the RelayState', async (binding) => {
    const now = Date.now();
    const client = await signedInBrowser(open.slug, now);
    const saml = nodeSamlSp(open.slug, open.metadata, { binding });
    const started = await startWithNodeSaml(saml, { binding, relayState: 'at-once' });
    const posted = await postedForm(await deliver(client, started, open.slug, now + 1000));
    expect(posted.relayState).toBe('at-once');
    expect(posted.xml).toContain(`InResponseTo="${started.requestId}"`);
    expect((await saml.validatePostResponseAsync({ SAMLResponse: posted.samlResponse })).profile?.nameID).toBe('jane.mimecast@example.com');
  });

  test('ForceAuthn: a signed-in user signs in again, and the assertion says when', async () => {
    const now = Date.now();
    const client = await signedInBrowser(open.slug, now - 120_000);
    const saml = nodeSamlSp(open.slug, open.metadata, { binding: 'redirect', forceAuthn: true });
    const started = await startWithNodeSaml(saml, { binding: 'redirect' });
    const page = await deliver(client, started, open.slug, now);
    expect(await page.text()).toContain('name="username"');
    const posted = await postedForm(await signInAsJane(client, now));
    expect(posted.xml).toContain(`InResponseTo="${started.requestId}"`);
    expect(posted.xml).toContain(`AuthnInstant="${new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z')}"`);
    await expect(saml.validatePostResponseAsync({ SAMLResponse: posted.samlResponse })).resolves.toMatchObject({ loggedOut: false });
  });

  test('IsPassive with a session: answered at once, no sign-in page', async () => {
    const now = Date.now();
    const client = await signedInBrowser(open.slug, now);
    const saml = nodeSamlSp(open.slug, open.metadata, { binding: 'post', isPassive: true });
    const started = await startWithNodeSaml(saml, { binding: 'post' });
    const posted = await postedForm(await deliver(client, started, open.slug, now));
    expect(posted.xml).toContain('urn:oasis:names:tc:SAML:2.0:status:Success');
    expect((await saml.validatePostResponseAsync({ SAMLResponse: posted.samlResponse })).profile?.nameID).toBe('jane.mimecast@example.com');
  });

  test('SP-initiated realm: a visit without a request goes, signed in, to the SP Start URL; no assertion goes unasked', async () => {
    const now = Date.now();
    const client = await signedInBrowser(open.slug, now);
    const again = await client.get(now + 1000);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('https://sp.example.com/login');
    expect(await again.text()).toBe('');
  });

  test('the request waits in the database with the sign-in, and Start over keeps it', async () => {
    const now = Date.now();
    const saml = nodeSamlSp(open.slug, open.metadata, { binding: 'redirect' });
    const started = await startWithNodeSaml(saml, { binding: 'redirect', relayState: 'kept' });
    const client = browser(open.slug);
    await deliver(client, started, open.slug, now);
    const rows = await db.signInTransaction.findMany({ where: { realm: { slug: open.slug } } });
    expect(rows.map((row) => JSON.parse(row.spRequest ?? 'null'))).toEqual([
      { id: started.requestId, acs: ACS, relayState: 'kept', forceAuthn: false, isPassive: false },
    ]);
    await client.post({ step: 'username', username: 'jane' }, now);
    await client.post({ action: 'restart' }, now);
    const posted = await postedForm(await signInAsJane(client, now));
    expect(posted.relayState).toBe('kept');
    expect(posted.xml).toContain(`InResponseTo="${started.requestId}"`);
  });

  test('a request kept in the database is answered once: a second tab with the same cookie gets no second answer', async () => {
    const now = Date.now();
    const client = await signedInBrowser(open.slug, now);
    const started = await startWithNodeSaml(nodeSamlSp(open.slug, open.metadata, { binding: 'post' }), { binding: 'post' });
    client.keep(await handleRealmPost(client.subRequest('', started.form ?? {}), open.slug, now));
    const [first, second] = [client.subRequest(''), client.subRequest('')];
    const answers = await Promise.all([handleRealmGet(first, open.slug, now), handleRealmGet(second, open.slug, now)]);
    const texts = await Promise.all(answers.map((answer) => answer.text()));
    const answered = texts.filter((text) => text.includes('SAMLResponse'));
    expect(answered).toHaveLength(1);
    expect(Buffer.from(/name="SAMLResponse" value="([^"]+)"/.exec(answered[0] ?? '')?.[1] ?? '', 'base64').toString()).toContain(
      `InResponseTo="${started.requestId}"`,
    );
  });

  test('a request may name an allowed ACS URL: the answer goes there, with it as Recipient', async () => {
    const now = Date.now();
    const saml = nodeSamlSp(open.slug, open.metadata, { binding: 'redirect', callbackUrl: OTHER_ACS });
    const started = await startWithNodeSaml(saml, { binding: 'redirect' });
    const client = browser(open.slug);
    await deliver(client, started, open.slug, now);
    const posted = await postedForm(await signInAsJane(client, now));
    expect(posted.action).toBe(OTHER_ACS);
    expect(posted.xml).toContain(`Recipient="${OTHER_ACS}"`);
    expect((await saml.validatePostResponseAsync({ SAMLResponse: posted.samlResponse })).profile?.issuer).toBe('urn:realmgate:test-idp');
  });
});

describe('metadata', () => {
  test('states WantAuthnRequestsSigned as the realm sets it', () => {
    expect(open.metadata).toContain('WantAuthnRequestsSigned="false"');
    expect(signed.metadata).toContain('WantAuthnRequestsSigned="true"');
  });
});
