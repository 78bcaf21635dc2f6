import type { Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';

import { startSmtpSink } from '../test/smtp-sink';

import { configureOpenLdap, testLdap } from './support/data-tab';
import { EndUser } from './support/end-user';
import { expect, test } from './support/fixtures';
import { SP_AUDIENCE, USER_PASSWORD, addDirectoryUser, setUpRealm } from './support/sign-in-setup';
import { startTestSp } from './support/test-sp';

/**
 * The Workflow and Multi-Factor Methods tabs at sign-in, in real browsers: an admin sets up a fresh realm in the
 * console, adds a directory user, and the user signs in in a browser of their own, through every Default Workflow
 * order, TOTP enrolment, email passcodes (read from an SMTP sink this file starts), lockout on wrong codes, and
 * sign-out. The test SP (node-saml) checks every assertion that reaches it.
 */
test.describe.configure({ mode: 'serial' });

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let sp: Awaited<ReturnType<typeof startTestSp>>;
test.beforeAll(async () => {
  sink = await startSmtpSink({ username: 'mailer', password: 'smtp-pass' });
  sp = await startTestSp({ audience: SP_AUDIENCE });
});
test.afterAll(async () => {
  await sink.close();
  await sp.close();
});

let users = 0;
const newUsername = () => `wf-${Date.now().toString(36)}-${(users += 1)}`;
const emailOf = (username: string) => `${username}@mail.example.com`;

/** The passcode in the last mail to `to`, as the user reads it in their inbox. */
function mailedCode(to: string): string {
  const mail = sink.received.filter((received) => received.to.includes(to)).at(-1);
  const code = mail && /one-time passcode: (\d+)/.exec(mail.raw)?.[1];
  if (!code) throw new Error(`no passcode mail to ${to}`);
  return code;
}

const ORDERS = [
  ['Username | Password', ['username', 'password']],
  ['Username | Password | Second Factor', ['username', 'password', 'second-factor']],
  ['Username & Password | Second Factor', ['credentials', 'second-factor']],
  ['Username | Second Factor | Password', ['username', 'second-factor', 'password']],
  ['Username | Second Factor', ['username', 'second-factor']],
  ['Username Only', ['username']],
] as const;

/** How the masked address reads on the method page: j***@mail.example.com. */
const masked = (email: string) => `${email[0]}***${email.slice(email.indexOf('@'))}`;

type SignInUser = { username: string; password: string; email: string };

/** The user of each store: a local directory user the admin adds, or the test slapd's jane (Data tab: Open LDAP). */
const USERS: Record<'a local' | 'an LDAP', (page: Page, realmId: string) => Promise<SignInUser>> = {
  'a local': async (page) => {
    const username = newUsername();
    await addDirectoryUser(page, username, emailOf(username));
    return { username, password: USER_PASSWORD, email: emailOf(username) };
  },
  'an LDAP': async (page, realmId) => {
    const tab = await configureOpenLdap(page, realmId, { url: testLdap().url });
    await tab.form.getByRole('textbox', { name: 'Email 1 Field' }).fill('mail');
    await tab.save();
    return { username: 'jane', password: 'jane password', email: 'jane@mail.realmgate.test' };
  },
};

for (const [workflow, steps] of ORDERS) {
  for (const [store, addUser] of Object.entries(USERS)) {
    test(`${workflow}: ${store} user signs in step by step and the SP accepts the assertion`, async ({ page, browser, realm }) => {
      const { slug, metadata } = await setUpRealm(page, realm, { workflow, smtpPort: sink.port, acsUrl: sp.acsUrl });
      sp.trustMetadata(metadata);
      const { username, password, email } = await addUser(page, realm.id);

      const user = await EndUser.open(browser, slug);
      await user.goto();
      await expect(user.page.getByLabel('This is a private device')).toBeChecked();
      for (const step of steps) {
        if (step === 'username') await user.username(username);
        if (step === 'credentials') await user.credentials(username, password);
        if (step === 'password') {
          await expect(user.page.getByText(`Username: ${username}`)).toBeVisible();
          await user.password(password);
        }
        if (step === 'second-factor') {
          await user.chooseMethod(`Email a passcode to ${masked(email)}`);
          await expect(user.page.getByText(`We sent a passcode to ${masked(email)}.`)).toBeVisible();
          await user.code(mailedCode(email));
        }
      }
      await user.expectWelcome(username);
      expect(sp.rejected).toEqual([]);
      expect(sp.received.at(-1)?.nameId).toBe(username);
      await user.close();
    });
  }
}

test('TOTP: enrolment after the password, sign-in with the app, and an admin reset', async ({ page, browser, realm }) => {
  const { slug, metadata } = await setUpRealm(page, realm, {
    workflow: 'Username & Password | Second Factor',
    mfa: { 'Issuer shown in the authenticator app': 'Realmgate E2E' },
    smtpPort: sink.port,
    acsUrl: sp.acsUrl,
  });
  sp.trustMetadata(metadata);
  const username = newUsername();
  const userId = await addDirectoryUser(page, username, emailOf(username));

  const first = await EndUser.open(browser, slug);
  await first.goto();
  await first.credentials(username, USER_PASSWORD);
  await first.chooseMethod('Set up an authenticator app (time-based passcode)');
  await expect(first.page.getByRole('heading', { name: 'Set up your authenticator app' })).toBeVisible();
  await expect(first.page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  await expect(first.page.getByText(`Account: ${username} · Issuer: Realmgate E2E`)).toBeVisible();
  const secret = Secret.fromBase32(await first.totpSecret());
  const app = new TOTP({ secret, digits: 6, period: 30 });
  await first.code(app.generate());
  await first.expectWelcome(username);
  await first.close();

  // The next sign-in: the app's code (one step ahead, within Allowed Drift 1: the last one is used up).
  const second = await EndUser.open(browser, slug);
  await second.goto();
  await second.credentials(username, USER_PASSWORD);
  await second.chooseMethod('Authenticator app (time-based passcode)');
  await expect(second.page.getByLabel('Secret key')).toHaveCount(0);
  await second.code(app.generate({ timestamp: Date.now() + 30_000 }));
  await second.expectWelcome(username);
  await second.close();

  // The admin resets it on the user's page: the next sign-in enrols again.
  await page.goto(`/directory/${userId}`);
  await page.getByRole('button', { name: `Reset authenticator at ${realm.name}` }).click();
  await expect(page.getByRole('status', { name: 'Sign-in status' })).toContainText(`Authenticator at ${realm.name} reset`);
  const third = await EndUser.open(browser, slug);
  await third.goto();
  await third.credentials(username, USER_PASSWORD);
  await expect(third.page.getByLabel('Set up an authenticator app (time-based passcode)')).toBeVisible();
  await third.close();
});

test('wrong email passcodes lock the username out, like wrong passwords', async ({ page, browser, realm }) => {
  const { slug, metadata } = await setUpRealm(page, realm, {
    workflow: 'Username | Password | Second Factor',
    workflowFields: { 'Max Invalid Attempts': '3' },
    // Max Attempts above Max Invalid Attempts: the lockout, not the passcode's own limit, stops the guesses.
    mfa: { 'Time-based Passcodes': 'false', 'Max Attempts': '10' },
    smtpPort: sink.port,
    acsUrl: sp.acsUrl,
  });
  sp.trustMetadata(metadata);
  const username = newUsername();
  await addDirectoryUser(page, username, emailOf(username));

  const user = await EndUser.open(browser, slug);
  await user.goto();
  await user.username(username);
  await user.password(USER_PASSWORD);
  await user.chooseMethod(`Email a passcode to ${masked(emailOf(username))}`);
  const code = mailedCode(emailOf(username));
  const wrong = code === '000000' ? '111111' : '000000';
  await user.code(wrong);
  await expect(user.alert).toHaveText('The passcode is incorrect.');
  await user.code(wrong);
  await expect(user.alert).toHaveText('The passcode is incorrect.');
  await user.code(wrong);
  await expect(user.alert).toHaveText(/^Too many failed sign-ins\. Try again in \d+ minutes\.$/);
  await user.code(code);
  await expect(user.alert).toHaveText(/^Too many failed sign-ins/);
  await user.close();
  expect(sp.received.filter((assertion) => assertion.nameId === username)).toEqual([]);
});

test('sign-out ends the session on the server; a copied cookie, or one whose session an admin ended, stops working', async ({
  page,
  browser,
  realm,
}) => {
  const { slug, metadata } = await setUpRealm(page, realm, { workflow: 'Username | Password', smtpPort: sink.port, acsUrl: sp.acsUrl });
  sp.trustMetadata(metadata);
  const username = newUsername();
  const userId = await addDirectoryUser(page, username, emailOf(username));

  const signIn = async () => {
    const user = await EndUser.open(browser, slug);
    await user.goto();
    await user.username(username, 'private');
    await user.password(USER_PASSWORD);
    await user.expectWelcome(username);
    return user;
  };
  const copyOf = async (user: EndUser) => {
    const copy = await EndUser.open(browser, slug, await user.context.cookies());
    await copy.goto();
    return copy;
  };

  const user = await signIn();
  const copy = await copyOf(user);
  await copy.expectWelcome(username); // the copied cookie works while the session lives

  await user.goto('/logout');
  await user.page.getByRole('button', { name: 'Sign out' }).click();
  await expect(user.page.getByRole('status')).toHaveText('You are signed out.');
  await user.goto();
  await expect(user.page.getByLabel('Username')).toBeVisible();
  const stale = await copyOf(copy);
  await expect(stale.page.getByLabel('Username')).toBeVisible();
  await Promise.all([user.close(), copy.close(), stale.close()]);

  // An admin ends a session from the user's page.
  const again = await signIn();
  await page.goto(`/directory/${userId}`);
  await page.getByRole('button', { name: new RegExp(`^End session at ${realm.name}`) }).click();
  await expect(page.getByRole('status', { name: 'Sign-in status' })).toHaveText('Session ended.');
  await expect(page.getByText('No live SSO sessions.')).toBeVisible();
  const ended = await copyOf(again);
  await expect(ended.page.getByLabel('Username')).toBeVisible();
  await Promise.all([again.close(), ended.close()]);
});
