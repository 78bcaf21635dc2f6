import { readFileSync } from 'node:fs';

import { OPENSSL_PFX, withIterations } from '../test/pfx';

import { expect, test } from './support/fixtures';
import { RealmTabPage } from './support/realm-tab';

test('an admin generates a certificate, downloads it, and a realm signs with it', async ({ page, realm }) => {
  const commonName = `E2E Signing ${Date.now().toString(36)}`;
  await page.goto('/certificates');
  await expect(page.getByRole('row', { name: /Realmgate Signing.*Default/ })).toBeVisible();

  await page.getByRole('button', { name: 'Generate certificate' }).click();
  const dialog = page.getByRole('dialog', { name: 'Generate certificate' });
  await dialog.getByLabel('Common Name (CN)').fill(commonName);
  await dialog.getByLabel('Key size').selectOption('3072');
  await dialog.getByLabel('Validity (years)').fill('2');
  await dialog.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByRole('status', { name: 'Certificate status' })).toHaveText('Certificate generated.');
  const row = page.getByRole('row', { name: new RegExp(commonName) });
  await expect(row).toContainText('RSA 3072');
  const serial = (await row.getByRole('code').first().textContent()) ?? '';
  expect(serial).toMatch(/^[0-9a-f]{32}$/);

  // The certificate downloads as PEM, without its key.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row.getByRole('link', { name: `Download certificate ${serial}` }).click(),
  ]);
  const pem = readFileSync((await download.path()) ?? '', 'utf8');
  expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
  expect(pem).not.toContain('PRIVATE KEY');

  // Post Authentication: Select Certificate picks it by serial number.
  const tab = new RealmTabPage(page, realm.id, 'post-authentication');
  await tab.goto();
  await tab.field('Authenticated User Redirect').selectOption('saml-idp-initiated');
  await tab.field('SAML Consumer URL').fill('https://sp.example.com/acs');
  await tab.field('WS Fed / SAML Issuer').fill('urn:e2e:certificates');
  await tab.field('SAML Audience').fill('https://sp.example.com');
  await tab.form.getByRole('button', { name: 'Select Certificate' }).click();
  const picker = page.getByRole('dialog', { name: 'Select Certificate' });
  await expect(picker.getByRole('columnheader', { name: 'Issued To' })).toBeVisible();
  await picker.getByRole('button', { name: `Use certificate ${serial}` }).click();
  await expect(tab.field('Signing Cert Serial Number')).toHaveValue(serial);
  await tab.save();
  await page.reload();
  await expect(tab.field('Signing Cert Serial Number')).toHaveValue(serial);

  // In use: it cannot be deleted.
  await page.goto('/certificates');
  await expect(page.getByRole('row', { name: new RegExp(commonName) })).toContainText(realm.name);
  await page.getByRole('button', { name: `Delete certificate ${serial}` }).click();
  await page
    .getByRole('dialog', { name: `Delete certificate ${serial}` })
    .getByRole('button', { name: 'Delete certificate' })
    .click();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText(`In use by ${realm.name}`);
});

test('a malformed PEM and a wrong PFX password are refused with a message, and nothing is stored', async ({ page }) => {
  await page.goto('/certificates');
  const rowsBefore = await page.getByRole('row').count();

  await page.getByRole('button', { name: 'Import PEM' }).click();
  const pemDialog = page.getByRole('dialog', { name: 'Import PEM' });
  await pemDialog.getByLabel('Certificate (PEM)').fill('not a certificate');
  await pemDialog.getByLabel('Private key (PEM)').fill('not a key');
  await pemDialog.getByRole('button', { name: 'Import' }).click();
  await expect(pemDialog.getByLabel('Certificate (PEM)')).toHaveAccessibleDescription(/Paste a PEM certificate/);
  await pemDialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Import PFX' }).click();
  const pfxDialog = page.getByRole('dialog', { name: 'Import PFX' });
  await pfxDialog
    .getByLabel('PFX file')
    .setInputFiles({ name: 'signing.pfx', mimeType: 'application/x-pkcs12', buffer: Buffer.from('not a pfx file at all') });
  await pfxDialog.getByLabel('PFX password').fill('secret');
  await pfxDialog.getByRole('button', { name: 'Import' }).click();
  await expect(pfxDialog.getByLabel('PFX file')).toHaveAccessibleDescription(/could not be read as a PKCS#12/);
  await pfxDialog.getByRole('button', { name: 'Cancel' }).click();

  await page.reload();
  await expect(page.getByRole('row')).toHaveCount(rowsBefore);
});

test('a PFX file imports through the decoding worker; one asking for 2,000,000 iterations is refused with a message', async ({ page }) => {
  await page.goto('/certificates');
  const importPfx = async (buffer: Buffer) => {
    await page.getByRole('button', { name: 'Import PFX' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import PFX' });
    await dialog.getByLabel('PFX file').setInputFiles({ name: 'signing.pfx', mimeType: 'application/x-pkcs12', buffer });
    await dialog.getByLabel('PFX password').fill(OPENSSL_PFX.password);
    await dialog.getByRole('button', { name: 'Import' }).click();
    return dialog;
  };

  // Refused from the iteration counts alone, before anything is decrypted: forge would need 25 s or more.
  const hostile = await importPfx(withIterations(OPENSSL_PFX.file, { mac: 2_000_000 }));
  await expect(hostile.getByLabel('PFX file')).toHaveAccessibleDescription(/asks for 2,000,000 key-derivation iterations/);
  await hostile.getByRole('button', { name: 'Cancel' }).click();

  await importPfx(OPENSSL_PFX.file);
  await expect(page.getByRole('status', { name: 'Certificate status' })).toHaveText('Certificate imported.');
  await expect(page.getByRole('row', { name: new RegExp(OPENSSL_PFX.serialHex) })).toContainText('Realmgate Test IdP');
});
