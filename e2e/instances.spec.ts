import { type Browser, expect, test } from '@playwright/test';
import pg from 'pg';

import type * as Migrate from '@/scripts/migrate.mjs';

import { DirectoryPage, DirectoryUserPage } from './support/directory-page';
import { ADMIN, type Deployment, type Instance, loadScript, metricSum, startDeployment } from './support/instances';
import { rawRequest } from './support/raw-http';
import { RealmTabPage } from './support/realm-tab';
import { signIn } from './support/sign-in';

/**
 * Two instances on one PostgreSQL behind a load balancer (issue 10): nothing one instance knows is missing on the
 * other. Needs Debian's PostgreSQL (scripts/test.mjs installs it); the build is the one the web server made.
 */
const DEMO = '/sso/mimecast-personal-portal';
const USER = Object.freeze({ username: 'mira', password: 'mira signs in on both', email2: 'mira@mimecast.example' });
const ACCOUNT_AUDIENCE = 'us-api.mimecast.com.C0A0';

let deployment: Deployment;
let a: Instance;
let b: Instance;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  deployment = await startDeployment(2);
  [a, b] = deployment.instances as [Instance, Instance];
});

test.afterAll(async () => {
  await deployment?.stop();
});

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: deployment.databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');

/** A sign-in in progress: its cookies and CSRF token, and the client address its requests name (X-Forwarded-For). */
type StartedSignIn = { cookie: string; csrf: string; address: string };

const post = (instance: Instance, signIn: StartedSignIn, fields: Record<string, string>) =>
  fetch(`${instance.url}${DEMO}`, {
    method: 'POST',
    body: new URLSearchParams({ ...fields, csrf: signIn.csrf }),
    headers: { cookie: signIn.cookie, 'x-forwarded-for': signIn.address },
    redirect: 'manual',
  });

/** The demo realm's Username | Password, first page: opened and posted on `instance`; the cookies and CSRF token it leaves. */
async function startSignIn(instance: Instance, username: string, address = '192.0.2.1'): Promise<StartedSignIn> {
  const page = await fetch(`${instance.url}${DEMO}`);
  const opened = { cookie: cookiesOf(page), csrf: /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '', address };
  const step = await post(instance, opened, { step: 'username', username });
  if (step.status !== 200) throw new Error(`the username page answered ${step.status}`);
  return { ...opened, cookie: [opened.cookie, cookiesOf(step)].join('; ') };
}

/** The password page of a sign-in, posted to `instance`: the sign-in row it continues is in the shared database. */
const postPassword = (instance: Instance, signIn: StartedSignIn, password: string) =>
  post(instance, signIn, { step: 'password', password });

const assertionOf = (html: string) => Buffer.from(/name="SAMLResponse" value="([^"]+)"/.exec(html)?.[1] ?? '', 'base64').toString('utf8');

/** A browser whose every request goes through the round-robin proxy: each one to the other instance. */
async function consoleThroughProxy(browser: Browser) {
  const context = await browser.newContext({ baseURL: deployment.proxyUrl });
  const page = await context.newPage();
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Realms' })).toBeVisible();
  return { context, page };
}

test('both start at once on an empty database: it is migrated once, and seeded once', async () => {
  const { listMigrations } = await loadScript<typeof Migrate>('migrate.mjs');
  const names = listMigrations('postgresql').map((migration) => migration.name);
  const recorded = await query<{ migration_name: string; times: string }>(
    'SELECT migration_name, count(*) AS times FROM "_prisma_migrations" GROUP BY 1 ORDER BY 1',
  );
  expect(recorded).toEqual(names.map((name) => ({ migration_name: name, times: '1' })));
  const applied = [a, b].flatMap((instance) => instance.output().match(/^Applied migration \S+/gm) ?? []);
  expect(applied.sort()).toEqual(names.map((name) => `Applied migration ${name}`).sort());
  const [counts] = await query<Record<string, string>>(`SELECT
    (SELECT count(*) FROM "Admin") AS admins, (SELECT count(*) FROM "Certificate" WHERE "isDefault") AS defaults,
    (SELECT count(*) FROM "Certificate") AS certificates, (SELECT count(*) FROM "Realm") AS realms`);
  expect(counts).toEqual({ admins: '1', defaults: '1', certificates: '1', realms: '1' });
  // Load balancers check with any Host; neither check reveals anything.
  for (const instance of [a, b]) {
    expect((await rawRequest(instance.url, { path: '/healthz', headers: { Host: 'lb.internal' } })).status).toBe(200);
    const ready = await rawRequest(instance.url, { path: '/readyz', headers: { Host: '10.0.0.7' } });
    expect(JSON.parse(ready.body)).toEqual({ ready: true, checks: { database: 'ok', migrations: 'ok', signingCertificate: 'ok' } });
  }
});

test('the console through the load balancer: sign-in, a new user and a tab saved on A, all seen by B', async ({ browser }) => {
  const { context, page } = await consoleThroughProxy(browser);
  // Server actions of one build, posted to either instance: one build, many instances.
  const directory = new DirectoryPage(page);
  await directory.goto();
  const userId = await directory.add(USER.username, USER.password);
  const user = new DirectoryUserPage(page, userId);
  await user.fill({ 'Email 2': USER.email2 });
  await user.save();

  // The demo realm's Post Authentication, opened and saved on instance A only.
  const realmHref =
    (await page.goto('/realms'), await page.getByRole('link', { name: 'Mimecast Personal Portal', exact: true }).getAttribute('href'));
  const realmId = /\/realms\/([^/]+)\//.exec(realmHref ?? '')?.[1] ?? '';
  const onA = await browser.newContext({ baseURL: a.url, storageState: await context.storageState() });
  const tabPage = await onA.newPage();
  const tab = new RealmTabPage(tabPage, realmId, 'post-authentication');
  await tab.goto();
  await tab.field('SAML Audience').fill(ACCOUNT_AUDIENCE);
  await tab.save();
  await onA.close();
  await context.close();

  // B's next assertion uses it: a sign-in started on A (CSRF token and sign-in row), finished on B.
  const signedIn = await postPassword(b, await startSignIn(a, USER.username), USER.password);
  expect(signedIn.status).toBe(200);
  const xml = assertionOf(await signedIn.text());
  expect(xml).toContain(`<saml:Audience>${ACCOUNT_AUDIENCE}</saml:Audience>`);
  expect(xml).toContain(USER.email2);

  // The SSO session B started works on A: A posts a fresh assertion without asking for the password.
  const again = await fetch(`${a.url}${DEMO}`, { headers: { cookie: cookiesOf(signedIn) } });
  expect(again.status).toBe(200);
  expect(assertionOf(await again.text())).toContain(`<saml:Audience>${ACCOUNT_AUDIENCE}</saml:Audience>`);
});

test('30 parallel wrong passwords from 30 addresses, split across A and B: exactly Max Invalid Attempts are checked', async () => {
  const max = (await query<{ max: number }>('SELECT "maxInvalidAttempts" AS max FROM "RealmWorkflow"'))[0]?.max ?? 0;
  const invalid = `realmgate_sign_ins_total{realm="mimecast-personal-portal",outcome="invalid"}`;
  const locked = `realmgate_sign_ins_total{realm="mimecast-personal-portal",outcome="locked"}`;
  const [invalidBefore, lockedBefore] = [await metricSum([a, b], invalid), await metricSum([a, b], locked)];
  // From as many addresses: one address may have only 2 password checks in flight (lib/check-slots.ts).
  const signIns = await Promise.all(Array.from({ length: 30 }, (_, i) => startSignIn(i % 2 ? a : b, USER.username, `198.51.100.${i + 1}`)));

  const answers = await Promise.all(signIns.map((signIn, i) => postPassword(i % 2 ? b : a, signIn, 'a wrong guess')));

  // Checked and wrong: 401; refused unchecked once the account is locked: 429.
  const statuses = answers.map((answer) => answer.status);
  expect(statuses.filter((status) => status === 401)).toHaveLength(max);
  expect(statuses.filter((status) => status === 429)).toHaveLength(30 - max);
  expect((await metricSum([a, b], invalid)) - invalidBefore).toBe(max);
  expect((await metricSum([a, b], locked)) - lockedBefore).toBe(30 - max);
  const [row] = await query<{ count: number }>(`SELECT "count" FROM "SignInFailure" WHERE "usernameKey" = '${USER.username}'`);
  expect(row?.count).toBe(max);
  // Even the right password is refused now, on either instance.
  expect((await postPassword(b, await startSignIn(a, USER.username), USER.password)).status).toBe(429);
});

test('each /sso/ request is one JSON log line with its id, realm and outcome; no password reaches the log', async () => {
  const lines = [a, b].flatMap((instance) => instance.output().split('\n')).filter((line) => line.includes('"path":"/sso/'));
  const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(entries.length).toBeGreaterThan(30);
  for (const entry of entries) {
    expect(entry).toMatchObject({ level: 'info', requestId: expect.stringMatching(/^[0-9A-F]{8}$/), durationMs: expect.any(Number) });
  }
  expect(entries).toContainEqual(
    expect.objectContaining({ method: 'POST', realm: 'mimecast-personal-portal', outcome: 'success', status: 200 }),
  );
  expect(entries).toContainEqual(
    expect.objectContaining({ method: 'POST', realm: 'mimecast-personal-portal', outcome: 'locked', status: 429 }),
  );
  for (const instance of [a, b]) {
    expect(instance.output()).not.toContain(USER.password);
    expect(instance.output()).not.toContain('a wrong guess');
    expect(instance.output()).not.toContain('SAMLResponse');
  }
});
