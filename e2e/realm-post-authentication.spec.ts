import { expect, test } from './support/fixtures';
import { RealmTabPage } from './support/realm-tab';
import { RealmsPage } from './support/realms-page';

const ACS = 'https://us-api.mimecast.com/login/sso/mpp';
const UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';

test('configures Post Authentication as the Mimecast guide (steps 2-10) and every value persists', async ({ page, realm }) => {
  const tab = new RealmTabPage(page, realm.id, 'post-authentication');
  await tab.goto();

  // The SAML sections appear only while a SAML redirect is selected.
  await expect(tab.field('SAML Consumer URL')).toHaveCount(0);
  await expect(tab.form.getByRole('option', { name: /OpenID Connect\/OAuth2 \(not available in Realmgate yet\)/ })).toBeDisabled();

  await tab.field('Authenticated User Redirect').selectOption({ label: 'SAML 2.0 (IdP Initiated) Assertion' }); // step 2
  await expect(tab.field('SAML Consumer URL')).toBeVisible();
  await expect(tab.field('Redirect To')).toHaveValue(/\/sso\/.+\/saml\/idp-initiated$/);
  await tab.field('User ID Mapping').selectOption({ label: 'Email 2' }); // step 3
  await tab.field('Name ID Format').selectOption(UNSPECIFIED); // step 4
  await tab.field('SAML Consumer URL').fill(ACS); // step 5
  await tab.field('WS Fed / SAML Issuer').fill(`urn:realmgate:e2e:${realm.id}`); // step 6
  await tab.field('SAML Recipient').fill(ACS); // step 7
  await tab.field('SAML Audience').fill('us-api.mimecast.com.C0A0B1C2'); // step 8
  await tab.field('SAML Offset Minutes').fill('10'); // step 9
  await tab.field('SAML Valid Hours').fill('2'); // step 10
  await tab.form.getByRole('button', { name: 'Add attribute' }).click();
  await tab.field('Attribute 1 Name').fill('mail');
  await tab.field('Attribute 1 Value').selectOption({ label: 'Email 1' });
  await expect(tab.unsavedNotice).toBeVisible();
  await tab.save();

  await page.reload();
  await expect(tab.field('Authenticated User Redirect')).toHaveValue('saml-idp-initiated');
  await expect(tab.field('User ID Mapping')).toHaveValue('email2');
  await expect(tab.field('Name ID Format')).toHaveValue(UNSPECIFIED);
  await expect(tab.field('SAML Consumer URL')).toHaveValue(ACS);
  await expect(tab.field('WS Fed / SAML Issuer')).toHaveValue(`urn:realmgate:e2e:${realm.id}`);
  await expect(tab.field('SAML Recipient')).toHaveValue(ACS);
  await expect(tab.field('SAML Audience')).toHaveValue('us-api.mimecast.com.C0A0B1C2');
  await expect(tab.field('SAML Offset Minutes')).toHaveValue('10');
  await expect(tab.field('SAML Valid Hours')).toHaveValue('2');
  await expect(tab.field('Attribute 1 Name')).toHaveValue('mail');
  await expect(tab.field('Attribute 1 Value')).toHaveValue('email1');
  await expect(tab.field('Signing Cert Serial Number')).toHaveValue(/^[0-9a-f]{32}$/); // the default certificate
  await expect(tab.unsavedNotice).toBeHidden();

  const realms = new RealmsPage(page);
  await realms.goto();
  await expect(realms.row(realm.name)).toContainText('SAML 2.0 (IdP Initiated) Assertion');
});

test('an invalid Consumer URL gets a message at the field and nothing is saved', async ({ page, realm }) => {
  const tab = new RealmTabPage(page, realm.id, 'post-authentication');
  await tab.goto();
  await tab.field('Authenticated User Redirect').selectOption('saml-idp-initiated');
  await tab.field('SAML Consumer URL').fill(ACS);
  await tab.field('WS Fed / SAML Issuer').fill('urn:e2e:valid');
  await tab.field('SAML Audience').fill('https://sp.example.com');
  await tab.save();

  await tab.field('SAML Consumer URL').fill('http://sp.example.com/acs');
  await tab.field('SAML Offset Minutes').fill('61');
  await tab.saveButton.click();
  await tab.expectFieldError('SAML Consumer URL', /absolute https:\/\/ URL/);
  await tab.expectFieldError('SAML Offset Minutes', /0 to 60/);
  await expect(tab.status).toHaveText(/Not saved/);

  // The browser's copy is refused; the stored values are untouched.
  const fresh = new RealmTabPage(await page.context().newPage(), realm.id, 'post-authentication');
  await fresh.goto();
  await expect(fresh.field('SAML Consumer URL')).toHaveValue(ACS);
  await expect(fresh.field('SAML Offset Minutes')).toHaveValue('5');
});

test('an empty Issuer while SAML is selected is refused at the field', async ({ page, realm }) => {
  const tab = new RealmTabPage(page, realm.id, 'post-authentication');
  await tab.goto();
  await tab.field('Authenticated User Redirect').selectOption('saml-idp-initiated');
  await tab.field('SAML Consumer URL').fill(ACS);
  await tab.saveButton.click();
  await tab.expectFieldError('WS Fed / SAML Issuer', /Enter the Issuer/);
});

test('values that used to break Save get messages at their fields, and URLs are stored as they are sent', async ({ page, realm }) => {
  const tab = new RealmTabPage(page, realm.id, 'post-authentication');
  await tab.goto();
  await tab.field('Authenticated User Redirect').selectOption('saml-idp-initiated');
  await tab.field('SAML Consumer URL').fill('https://SP.example.com/acs/<tenant>');
  await tab.field('WS Fed / SAML Issuer').fill('urn:e2e:values');
  await tab.field('SAML Audience').fill('https://sp.example.com');
  await tab.field('Domain').fill('999.999.999.999'); // WHATWG URL throws on it: Save used to do nothing
  await tab.field('WSFed Reply To/SAML Target URL').fill(`https://sp.example.com/${'é'.repeat(10)}`); // 83 bytes as sent
  await tab.saveButton.click();
  await tab.expectFieldError('Domain', /host name or IPv4 address/);
  await tab.expectFieldError('WSFed Reply To/SAML Target URL', /80 bytes; this one has 83/);

  await tab.field('Domain').fill('192.0.2.10');
  await tab.field('WSFed Reply To/SAML Target URL').fill('https://sp.example.com/home');
  await tab.save();
  // The form action, Destination and Recipient all carry this one string.
  await expect(tab.field('SAML Consumer URL')).toHaveValue('https://sp.example.com/acs/%3Ctenant%3E');
});
