import { type Page, expect } from '@playwright/test';

import type { LdapTestServer } from '../../test/ldap/slapd';
import { LDAP_BASE_DN, LDAP_SERVICE } from '../../test/ldap/slapd';

import { RealmTabPage } from './realm-tab';

/** The test slapd started by ldap-global-setup.ts. */
export function testLdap(): LdapTestServer {
  const json = process.env.REALMGATE_E2E_LDAP;
  if (!json) throw new Error('The LDAP tests need the slapd of e2e/support/ldap-global-setup.ts');
  return JSON.parse(json) as LdapTestServer;
}

/** The Data tab set to Open LDAP through the console, as an admin would: service account, mapping, timeout. */
export async function configureOpenLdap(page: Page, realmId: string, options: { url: string; timeoutSeconds?: number }) {
  const tab = new RealmTabPage(page, realmId, 'data');
  await tab.goto();
  await tab.field('Data Store').selectOption({ label: 'Open LDAP' });
  await tab.field('Connection String').fill(`${options.url}/${LDAP_BASE_DN}`);
  await tab.field('Username').fill(LDAP_SERVICE.dn);
  await tab.form.getByRole('button', { name: 'Set Password' }).click();
  await tab.field('Password').fill(LDAP_SERVICE.password);
  await tab.field('Connection Timeout (seconds)').fill(String(options.timeoutSeconds ?? 5));
  await tab.form.getByRole('textbox', { name: 'Email 2 Field' }).fill('mail');
  await tab.form.getByRole('textbox', { name: 'Aux ID 1 Field' }).fill('mimecastId');
  return tab;
}

/** Workflow Username | Password (a username page, then a password page) and an IdP-initiated SAML redirect to `acsUrl`. */
export async function configureSignIn(page: Page, realmId: string, sp: { acsUrl: string; audience: string }) {
  const workflow = new RealmTabPage(page, realmId, 'workflow');
  await workflow.goto();
  await workflow.field('Default Workflow').selectOption({ label: 'Username | Password' });
  await workflow.save();
  const post = new RealmTabPage(page, realmId, 'post-authentication');
  await post.goto();
  await post.field('Authenticated User Redirect').selectOption({ label: 'SAML 2.0 (IdP Initiated) Assertion' });
  await post.field('User ID Mapping').selectOption({ label: 'Email 2' });
  await post.field('SAML Consumer URL').fill(sp.acsUrl);
  await post.field('SAML Recipient').fill(sp.acsUrl);
  await post.field('WS Fed / SAML Issuer').fill(`urn:realmgate:e2e-ldap:${realmId}`);
  await post.field('SAML Audience').fill(sp.audience);
  await post.field('Domain').fill('idp.example.com');
  await post.save();
  return post;
}

/** The realm's sign-in path, as the realms list shows it. */
export async function ssoPathOf(page: Page, realmName: string): Promise<string> {
  await page.goto('/realms');
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: realmName, exact: true }) });
  await expect(row).toContainText('/sso/');
  const path = /\/sso\/[a-z0-9-]+/.exec((await row.textContent()) ?? '')?.[0];
  if (!path) throw new Error(`no sign-in path for ${realmName}`);
  return path;
}
