import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';

import { db } from '@/lib/db';
import { listUsers, setUserDisabled, setUserPassword } from '@/lib/directory/repository';
import { loadTab, saveTab } from '@/lib/realm/repository';
import { type WorkflowKey, WORKFLOW_STEPS } from '@/lib/workflow/machine';
import { TEST_ADMIN } from '@/test/admin';
import { defined } from '@/test/defined';
import { startSmtpSink } from '@/test/smtp-sink';

import { NOW, PASSWORD, addUser, browser, cookiesOf, samlResponseOf, setUpSsoRealm, spProfile, type Reply } from './test-realm';
import { type Sink, lastCode, read, realmWith, walkWorkflow } from './test-workflow';

let sink: Sink;
beforeAll(async () => {
  await setUpSsoRealm();
  sink = await startSmtpSink();
});
afterAll(() => sink.close());

const ORDERS = Object.keys(WORKFLOW_STEPS) as WorkflowKey[];
let users = 0;
const newUser = async () => {
  const username = `wf${(users += 1)}`;
  await addUser(username, `${username}.mimecast@example.com`);
  return username;
};

describe('every Default Workflow order', () => {
  test.each(ORDERS)('%s signs a user in, step by step, to an assertion node-saml accepts', async (workflow) => {
    const realm = await realmWith(sink, workflow);
    const username = await newUser();
    const client = browser(realm.slug);
    const { samlResponse } = await samlResponseOf(await walkWorkflow(client, workflow, { sink, username }));
    expect((await spProfile(samlResponse)).nameID).toBe(`${username}.mimecast@example.com`);
    // The sign-in is over: no row is left to continue or replay.
    expect(await db.signInTransaction.count({ where: { realmId: realm.id } })).toBe(0);
    expect(client.jar.has('realmgate_signin')).toBe(false);
  });

  test.each(ORDERS.filter((workflow) => WORKFLOW_STEPS[workflow].length > 1))(
    '%s refuses every later step posted before its turn, and a step posted again',
    async (workflow) => {
      const realm = await realmWith(sink, workflow);
      const username = await newUser();
      const client = browser(realm.slug);
      const steps = WORKFLOW_STEPS[workflow];
      await client.get();
      const [first, ...later] = steps;
      await client.post(first === 'credentials' ? { step: first, username, password: PASSWORD } : { step: 'username', username });
      const attempts = (
        [
          { step: 'password', password: PASSWORD },
          { step: 'second-factor', action: 'verify', code: '123456' },
          { step: 'second-factor', action: 'choose', method: 'email1' },
        ] as Record<string, string>[]
      ).filter((attempt) => attempt.step !== later[0]);
      for (const attempt of attempts) {
        const refused = await read(await client.post(attempt));
        expect(refused.status).toBe(409);
        expect(refused.html).toContain('Please complete this step first.');
      }
      // The first step's form again starts a new sign-in: the old one is left behind, not continued.
      const before = client.jar.get('realmgate_signin');
      await client.post(first === 'credentials' ? { step: first, username, password: PASSWORD } : { step: 'username', username });
      expect(client.jar.get('realmgate_signin')).not.toBe(before);
    },
  );

  test('a step posted with no sign-in started is refused', async () => {
    const realm = await realmWith(sink, 'username-password-second-factor');
    const client = browser(realm.slug);
    await client.get();
    const posts: Record<string, string>[] = [
      { step: 'password', password: PASSWORD },
      { step: 'second-factor', action: 'verify', code: '000000' },
    ];
    for (const fields of posts) {
      const refused = await read(await client.post(fields));
      expect(refused.status).toBe(400);
      expect(refused.html).toContain('Your sign-in expired. Please start again.');
    }
  });

  test('a replayed last step, and two last steps at once, give exactly one assertion', async () => {
    const realm = await realmWith(sink, 'username-password');
    const username = await newUser();
    const client = browser(realm.slug);
    await client.get();
    await client.post({ step: 'username', username });
    const requests = Array.from({ length: 5 }, () => client.request({ step: 'password', password: PASSWORD }));
    const { handleRealmPost } = await import('./endpoint');
    const pages = await Promise.all(requests.map(async (request) => read(await handleRealmPost(request, realm.slug, NOW))));
    expect(pages.filter((page) => page.html.includes('SAMLResponse'))).toHaveLength(1);
    expect(await db.ssoSession.count({ where: { realmId: realm.id } })).toBe(1);
    const replay = await read(await handleRealmPost(client.request({ step: 'password', password: PASSWORD }), realm.slug, NOW));
    expect(replay.html).not.toContain('SAMLResponse');
  });

  test("another realm's sign-in is refused, and stays usable at its own realm", async () => {
    const [a, b] = [await realmWith(sink, 'username-password'), await realmWith(sink, 'username-password')];
    const username = await newUser();
    const atA = browser(a.slug);
    await atA.get();
    await atA.post({ step: 'username', username });
    const atB = browser(b.slug);
    await atB.get();
    atB.jar.set('realmgate_signin', atA.jar.get('realmgate_signin') ?? '');
    const refused = await read(await atB.post({ step: 'password', password: PASSWORD }));
    expect(refused.status).toBe(400);
    expect(refused.html).not.toContain('SAMLResponse');
    expect((await read(await atA.post({ step: 'password', password: PASSWORD }))).html).toContain('SAMLResponse');
  });

  test('a sign-in expires 10 minutes after it started', async () => {
    const realm = await realmWith(sink, 'username-password');
    const username = await newUser();
    const client = browser(realm.slug);
    await client.get();
    await client.post({ step: 'username', username });
    const late = await read(await client.post({ step: 'password', password: PASSWORD }, NOW + 10 * 60_000));
    expect(late.html).toContain('Your sign-in expired. Please start again.');
    expect(late.html).not.toContain('SAMLResponse');
  });

  test('a second factor added to the Workflow tab applies to sign-ins already under way', async () => {
    const realm = await realmWith(sink, 'username-password');
    const username = await newUser();
    const client = browser(realm.slug);
    await client.get();
    await client.post({ step: 'username', username });
    const { values, version } = await loadTab(realm.id, 'workflow');
    await saveTab(TEST_ADMIN, realm.id, 'workflow', { ...values, defaultWorkflow: 'username-password-second-factor' }, version);
    const refused = await read(await client.post({ step: 'password', password: PASSWORD }));
    expect(refused.html).toContain('The sign-in settings changed. Please start again.');
    expect(refused.html).not.toContain('SAMLResponse');
  });

  test.each([
    ['gets a new password', (userId: string) => setUserPassword(TEST_ADMIN, userId, 'a brand new password')],
    ['is disabled', (userId: string) => setUserDisabled(TEST_ADMIN, userId, true)],
  ])('a user who %s during the sign-in must start again', async (_case, change) => {
    const realm = await realmWith(sink, 'username-password-second-factor');
    const username = await newUser();
    const client = browser(realm.slug);
    await client.get();
    await client.post({ step: 'username', username });
    expect((await read(await client.post({ step: 'password', password: PASSWORD }))).html).toContain('Confirm it is you');
    await change(defined((await listUsers(username)).users[0]).id);
    const page = await read(await client.post({ step: 'second-factor', action: 'choose', method: 'email1' }));
    expect(page.status).toBe(401);
    expect(page.html).toContain('Please sign in again.');
    expect(sink.received.filter((mail) => mail.to.includes(`${username}@mail.example.com`))).toEqual([]);
  });

  test('every step can be served by a fresh instance: all state is in the database', async () => {
    const realm = await realmWith(sink, 'username-password-second-factor');
    const username = await newUser();
    const client = browser(realm.slug);
    const instance = async () => {
      vi.resetModules(); // a new copy of every module, as another process would have
      return import('./endpoint');
    };
    const post = async (fields: Record<string, string>) =>
      client.keep(await (await instance()).handleRealmPost(client.request(fields), realm.slug, NOW));
    client.keep(await (await instance()).handleRealmGet(new Request(`http://idp.test/sso/${realm.slug}`), realm.slug, NOW));
    await post({ step: 'username', username });
    await post({ step: 'password', password: PASSWORD });
    await post({ step: 'second-factor', action: 'choose', method: 'email1' });
    const done = await post({ step: 'second-factor', action: 'verify', code: lastCode(sink, `${username}@mail.example.com`) });
    expect(await done.text()).toContain('SAMLResponse');
  });
});

describe('public and private devices', () => {
  const ssoCookie = (response: Reply, slug: string) => cookiesOf(response).find((cookie) => cookie.startsWith(`realmgate_${slug}=`));

  test('a private device keeps a persistent SSO cookie and remembers the method; a public one neither', async () => {
    const realm = await realmWith(sink, 'username-password-second-factor', { postAuthentication: { persistentCookie: true } });
    const username = await newUser();
    const privately = browser(realm.slug);
    const atHome = await walkWorkflow(privately, 'username-password-second-factor', { sink, username, device: 'private' });
    expect(ssoCookie(atHome, realm.slug)).toMatch(/; Max-Age=3600$/);
    expect(cookiesOf(atHome)).toContainEqual(
      expect.stringMatching(/^realmgate_method=email1; Path=\/sso\/[\w-]+; HttpOnly; SameSite=Lax; Max-Age=\d+$/),
    );
    const publicly = browser(realm.slug);
    const inCafe = await walkWorkflow(publicly, 'username-password-second-factor', { sink, username, device: 'public' });
    expect(ssoCookie(inCafe, realm.slug)).not.toMatch(/Max-Age/);
    expect(cookiesOf(inCafe).join()).not.toContain('realmgate_method');
  });

  test('Remember User Selection pre-selects the last method on a private device only', async () => {
    const realm = await realmWith(sink, 'username-password-second-factor', {
      mfa: { emailFields: ['enabled', 'enabled', 'disabled', 'disabled'] },
    });
    const username = await newUser();
    const methodsPage = async (device: string) => {
      const client = browser(realm.slug);
      client.jar.set('realmgate_method', 'email2');
      await client.get();
      await client.post({ step: 'username', username, device });
      return (await read(await client.post({ step: 'password', password: PASSWORD }))).html;
    };
    expect(await methodsPage('private')).toContain('<input type="radio" name="method" value="email2" checked>');
    expect(await methodsPage('public')).not.toContain('value="email2" checked');
  });

  test('a realm with one mode asks nothing and decides alone', async () => {
    const realm = await realmWith(sink, 'username-password', {
      workflow: { publicPrivateMode: 'public-only', defaultPublicPrivate: 'public' },
      postAuthentication: { persistentCookie: true },
    });
    const username = await newUser();
    const client = browser(realm.slug);
    expect((await read(await client.get())).html).not.toContain('name="device"');
    await client.post({ step: 'username', username, device: 'private' }); // posted anyway: ignored
    const done = await client.post({ step: 'password', password: PASSWORD });
    expect(ssoCookie(done, realm.slug)).not.toMatch(/Max-Age/);
  });
});
