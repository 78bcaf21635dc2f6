import { DirectoryPage, DirectoryUserPage } from './support/directory-page';
import { expect, test } from './support/fixtures';
import { RealmTabPage } from './support/realm-tab';
import { RealmsPage } from './support/realms-page';
import { startSpInitiatedSp } from './support/sp-initiated-sp';

const PASSWORD = 'SP-initiated-Passw0rd';
const ENTITY_ID = 'https://sp-initiated.e2e.example/sp';
const RELAY_STATE = 'e2e "relay" & state';

test('a realm from the Mimecast SP-initiated template (eu), pointed at a node-saml SP: a user starting at the SP is signed in there', async ({
  page,
  browser,
  baseURL,
}) => {
  const sp = await startSpInitiatedSp({ entityId: ENTITY_ID, relayState: RELAY_STATE });
  try {
    // The realm starts from the Mimecast (SP-initiated) template for region eu, then points at this test's SP.
    const realms = new RealmsPage(page);
    await realms.goto();
    const name = `SP Initiated ${Date.now().toString(36)}`;
    await page.getByRole('button', { name: 'Create realm' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create realm' });
    await dialog.getByLabel('Realm Name').fill(name);
    await dialog.getByLabel('Template').selectOption({ label: 'Mimecast (SP-initiated)' });
    await dialog.getByLabel('Mimecast region').selectOption('eu');
    await dialog.getByLabel('Mimecast account code').fill('C0A0');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(realms.row(name)).toContainText('SAML 2.0 (SP Initiated by Post) Assertion');
    const realmId = await realms.idOf(name);
    const tab = new RealmTabPage(page, realmId, 'post-authentication');
    await tab.goto();
    await expect(tab.field('SAML Consumer URL')).toHaveValue('https://eu-api.mimecast.com/login/saml');
    await expect(tab.field('SAML Audience')).toHaveValue('eu-api.mimecast.com.C0A0');
    await expect(tab.field('SP Entity ID')).toHaveValue('eu-api.mimecast.com.C0A0');
    await expect(tab.field('SP Start URL')).toHaveValue('https://login.mimecast.com/');

    await expect(tab.field('Redirect To')).toHaveValue(/^\/sso\/sp-initiated-/);
    const slug = (await tab.field('Redirect To').inputValue()).replace('/sso/', '');
    await tab.field('WS Fed / SAML Issuer').fill(`urn:realmgate:${slug}`);
    await tab.field('SAML Audience').fill(ENTITY_ID);
    await tab.field('SP Start URL').fill(sp.loginUrl);
    // The SP's metadata fills its ACS, entity ID (and certificate, when it has one).
    await tab.form.getByRole('button', { name: 'Fill from SP metadata…' }).click();
    await tab.form.getByLabel('SP metadata', { exact: true }).fill(sp.metadata());
    await tab.form.getByRole('button', { name: 'Import SP metadata' }).click();
    await expect(tab.form.getByRole('status', { name: 'SP metadata result' })).toHaveText(/Filled from the metadata of/);
    await expect(tab.field('SAML Consumer URL')).toHaveValue(sp.acsUrl);
    await expect(tab.field('SAML Recipient')).toHaveValue(sp.acsUrl); // it was the template's Consumer URL
    await expect(tab.field('SP Entity ID')).toHaveValue(ENTITY_ID);
    await tab.save();

    const metadata = await (await page.request.get(`/sso/${slug}/metadata?domain=${new URL(baseURL ?? '').host}`)).text();
    expect(metadata).toContain('WantAuthnRequestsSigned="false"');
    sp.trustIdp(`${baseURL}/sso/${slug}`, metadata);

    const directory = new DirectoryPage(page);
    await directory.goto();
    const username = `sp.${Date.now().toString(36)}`;
    // The Mimecast template sends Email 2 as the NameID (the user's Mimecast login).
    const email = `${username}@mail.example.com`;
    const user = new DirectoryUserPage(page, await directory.add(username, PASSWORD));
    await user.goto();
    await user.fill({ 'Email 2': email });
    await user.save();

    // The end user starts at the SP, which sends them to the realm with its AuthnRequest.
    const endUser = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
    await endUser.goto(sp.loginUrl);
    await expect(endUser.getByRole('heading', { name })).toBeVisible();
    await endUser.getByLabel('Username').fill(username);
    await endUser.getByRole('button', { name: 'Continue' }).click();
    await endUser.getByLabel('Password').fill(PASSWORD);
    await endUser.getByRole('button', { name: 'Sign in' }).click();
    await expect(endUser.getByRole('heading', { name: `Welcome ${email}` })).toBeVisible();
    expect(sp.rejected).toEqual([]);
    expect(sp.received).toHaveLength(1);
    expect(sp.received[0]).toMatchObject({ nameId: email, relayState: RELAY_STATE });
    expect(sp.received[0]?.inResponseTo).toMatch(/^_/);
  } finally {
    await sp.close();
  }
});
