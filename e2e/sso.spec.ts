import { readFileSync } from 'node:fs';

import { validateAgainstXsd } from '../test/saml-verifiers';

import { DirectoryPage, DirectoryUserPage } from './support/directory-page';
import { expect, test } from './support/fixtures';
import { RealmTabPage } from './support/realm-tab';
import { RealmsPage } from './support/realms-page';
import { startTestSp } from './support/test-sp';
import { defined } from '@/test/defined';

const ACS = 'https://us-api.mimecast.com/login/sso/mpp';
const UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';
const AUDIENCE = 'us-api.mimecast.com.C0A0B1C2';

// Both tests use the seeded demo realm: the first checks it as seeded, the second points it at a test SP.
test.describe.configure({ mode: 'serial' });

const PASSWORD = 'Mimecast-Demo-Passw0rd';

test('the demo realm is set up as the Mimecast guide says and refuses the <ACCOUNT_CODE> placeholder', async ({ page }) => {
  const realms = new RealmsPage(page);
  await realms.goto();
  await expect(realms.row('Mimecast Personal Portal')).toContainText('/sso/mimecast-personal-portal');
  const tab = new RealmTabPage(page, await realms.idOf('Mimecast Personal Portal'), 'post-authentication');
  await tab.goto();
  await expect(tab.field('Authenticated User Redirect')).toHaveValue('saml-idp-initiated');
  await expect(tab.field('User ID Mapping')).toHaveValue('email2');
  await expect(tab.field('Name ID Format')).toHaveValue(UNSPECIFIED);
  await expect(tab.field('SAML Consumer URL')).toHaveValue(ACS);
  await expect(tab.field('SAML Recipient')).toHaveValue(ACS);
  await expect(tab.field('WS Fed / SAML Issuer')).toHaveValue(/^urn:realmgate:mimecast-personal-portal:[0-9a-f]{12}$/);
  await expect(tab.field('SAML Audience')).toHaveValue('us-api.mimecast.com.<ACCOUNT_CODE>');
  await expect(tab.field('SAML Offset Minutes')).toHaveValue('5');
  await expect(tab.field('SAML Valid Hours')).toHaveValue('1');

  await tab.field('SAML Valid Hours').fill('2');
  await tab.saveButton.click();
  await tab.expectFieldError('SAML Audience', /Replace <ACCOUNT_CODE> with your Mimecast account code/);
  await tab.form.getByRole('button', { name: 'Discard' }).click();
  await expect(tab.field('SAML Valid Hours')).toHaveValue('1');
});

test('a local user signs in at the Mimecast demo realm and the browser auto-posts a valid assertion to the SP', async ({
  page,
  browser,
}) => {
  const sp = await startTestSp({ audience: AUDIENCE });
  try {
    // The admin points the demo realm at the test SP (Consumer URL, Recipient, Audience, Offset, Valid Hours).
    const realms = new RealmsPage(page);
    await realms.goto();
    const tab = new RealmTabPage(page, await realms.idOf('Mimecast Personal Portal'), 'post-authentication');
    await tab.goto();
    await tab.field('SAML Consumer URL').fill(sp.acsUrl);
    await tab.field('SAML Recipient').fill(sp.acsUrl);
    await tab.field('SAML Audience').fill(AUDIENCE);
    await tab.field('SAML Offset Minutes').fill('2');
    await tab.field('SAML Valid Hours').fill('3');
    await tab.field('Domain').fill('idp.example.com');
    await tab.save();

    // Download Metadata File: a real browser download, schema-valid, and what the SP trusts from now on.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download Metadata File' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('mimecast-personal-portal-idp-metadata.xml');
    const metadata = readFileSync((await download.path()) ?? '', 'utf8');
    expect(() => validateAgainstXsd(metadata, 'metadata')).not.toThrow();
    expect(metadata).toContain('Location="https://idp.example.com/sso/mimecast-personal-portal"');
    sp.trustMetadata(metadata);

    // A user in the local directory whose Email 2 holds their Mimecast ID.
    const directory = new DirectoryPage(page);
    await directory.goto();
    const username = `jane.${Date.now().toString(36)}`;
    const user = new DirectoryUserPage(page, await directory.add(username, PASSWORD));
    await user.goto();
    await user.fill({ 'Email 2': `${username}@mimecast.example.com` });
    await user.save();

    // The end user, in a browser of their own.
    const endUser = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage(); // the test SP's own certificate
    await endUser.goto('/sso/mimecast-personal-portal');
    await expect(endUser.getByRole('heading', { name: 'Mimecast Personal Portal' })).toBeVisible();
    // The demo realm's workflow is Username | Password: the username, then the password on a page of its own.
    await endUser.getByLabel('Username').fill(username);
    await endUser.getByRole('button', { name: 'Continue' }).click();
    await expect(endUser.getByText(`Username: ${username}`)).toBeVisible();
    await endUser.getByLabel('Password').fill('wrong password');
    await endUser.getByRole('button', { name: 'Sign in' }).click();
    await expect(endUser.getByRole('alert')).toHaveText('The username or password is incorrect.');
    await endUser.getByLabel('Password').fill(PASSWORD);
    await endUser.getByRole('button', { name: 'Sign in' }).click();
    await expect(endUser.getByRole('heading', { name: `Welcome ${username}@mimecast.example.com` })).toBeVisible();

    expect(sp.rejected).toEqual([]);
    expect(sp.received).toHaveLength(1);
    const [assertion] = sp.received;
    expect(assertion).toMatchObject({ nameId: `${username}@mimecast.example.com`, audience: AUDIENCE, recipient: sp.acsUrl });
    const notBefore = Date.parse(defined(assertion, 'assertion').notBefore);
    const notOnOrAfter = Date.parse(defined(assertion, 'assertion').notOnOrAfter);
    expect(notOnOrAfter - notBefore).toBe((3 * 60 + 2) * 60_000); // Valid Hours 3 after now, Offset Minutes 2 before
    expect(Math.abs(notBefore + 2 * 60_000 - defined(assertion, 'assertion').receivedAt)).toBeLessThan(60_000);

    // A second visit in the same browser session posts a fresh assertion without asking again.
    await endUser.goto('/sso/mimecast-personal-portal');
    await expect(endUser.getByRole('heading', { name: /^Welcome / })).toBeVisible();
    expect(sp.received).toHaveLength(2);
    await expect(endUser.getByLabel('Password')).toHaveCount(0);
  } finally {
    await sp.close();
  }
});

test('the sign-in page of an unknown realm is a 404', async ({ page }) => {
  const response = await page.goto('/sso/no-such-realm');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('alert')).toHaveText('There is no sign-in page at this address.');
});

test('the metadata URL refuses a domain that is not a host name', async ({ request }) => {
  const response = await request.get('/sso/mimecast-personal-portal/metadata?domain=https://evil.example.com/x');
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain('is not a domain');
});
