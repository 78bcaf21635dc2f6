import { type Page, expect } from '@playwright/test';

import { DirectoryPage, DirectoryUserPage } from './directory-page';
import { RealmTabPage } from './realm-tab';
import { RealmsPage } from './realms-page';

export const SP_AUDIENCE = 'https://sp.example.test';
export const USER_PASSWORD = 'Workflow-Passw0rd-e2e';

/** How a test's realm is set up through the console, tab by tab, before end users sign in. */
export type RealmSetup = {
  /** The Default Workflow's label, as the Workflow tab lists it. */
  workflow: string;
  workflowFields?: Record<string, string>;
  /** Select values of the Multi-Factor Methods tab, by label. */
  mfa?: Record<string, string>;
  smtpPort: number;
  acsUrl: string;
};

async function selectOrFill(tab: RealmTabPage, label: string, value: string) {
  const field = tab.field(label);
  if ((await field.evaluate((element) => element.tagName)) === 'SELECT') await field.selectOption(value);
  else await field.fill(value);
}

/**
 * Sets up a fresh realm as an admin would: Overview's SMTP to the test's sink (plain text on loopback, with the
 * admin's consent), the Workflow and Multi-Factor Methods tabs, Post Authentication to the test SP. Returns the
 * realm's slug and its IdP metadata (for the SP to trust).
 */
export async function setUpRealm(
  page: Page,
  realm: { id: string; name: string },
  setup: RealmSetup,
): Promise<{ slug: string; metadata: string }> {
  const realmId = realm.id;
  const overview = new RealmTabPage(page, realmId, 'overview');
  await overview.goto();
  await overview.field('Server Address').fill('127.0.0.1');
  await overview.field('Port').fill(String(setup.smtpPort));
  await overview.field('Username').fill('mailer');
  await overview.form.getByRole('button', { name: 'Set Password' }).click();
  await overview.field('Password').fill('smtp-pass');
  await overview.field('Allow plain-text authentication').check();
  await overview.field('Sender Address').fill('idp@example.com');
  await overview.save();

  const workflow = new RealmTabPage(page, realmId, 'workflow');
  await workflow.goto();
  await workflow.field('Default Workflow').selectOption({ label: setup.workflow });
  for (const [label, value] of Object.entries(setup.workflowFields ?? {})) await selectOrFill(workflow, label, value);
  if (await workflow.saveButton.isVisible()) await workflow.save();

  if (setup.mfa) {
    const mfa = new RealmTabPage(page, realmId, 'multi-factor-methods');
    await mfa.goto();
    for (const [label, value] of Object.entries(setup.mfa)) await selectOrFill(mfa, label, value);
    await mfa.save();
  }

  const post = new RealmTabPage(page, realmId, 'post-authentication');
  await post.goto();
  await post.field('Authenticated User Redirect').selectOption('saml-idp-initiated');
  await post.field('SAML Consumer URL').fill(setup.acsUrl);
  await post.field('SAML Recipient').fill(setup.acsUrl);
  await post.field('WS Fed / SAML Issuer').fill(`urn:realmgate:e2e:${realmId}`);
  await post.field('SAML Audience').fill(SP_AUDIENCE);
  await post.save();
  const realms = new RealmsPage(page);
  await realms.goto();
  const slug = /\/sso\/([a-z0-9-]+)/.exec((await realms.row(realm.name).textContent()) ?? '')?.[1];
  if (!slug) throw new Error(`no realm URL for ${realm.name}`);
  const metadata = await page.request.get(`/sso/${slug}/metadata?domain=idp.example.com`);
  expect(metadata.ok()).toBe(true);
  return { slug, metadata: await metadata.text() };
}

/** Adds a directory user with an Email 1 (for email passcodes); returns their id. */
export async function addDirectoryUser(page: Page, username: string, email: string): Promise<string> {
  const directory = new DirectoryPage(page);
  await directory.goto();
  const id = await directory.add(username, USER_PASSWORD);
  const user = new DirectoryUserPage(page, id);
  await user.goto();
  await user.fill({ 'Email 1': email });
  await user.save();
  return id;
}
