import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expect, test } from './support/fixtures';
import { RealmTabPage } from './support/realm-tab';
import { RealmsPage } from './support/realms-page';

/** Issue 9: realm templates, and certificate rollover with its expiry warnings, in the console. */

test('an admin creates a realm from the Mimecast template for region eu', async ({ page }) => {
  const realms = new RealmsPage(page);
  await realms.goto();
  const name = `Mimecast EU ${Date.now().toString(36)}`;
  await page.getByRole('button', { name: 'Create realm' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create realm' });
  await dialog.getByLabel('Realm Name').fill(name);
  await expect(dialog.getByLabel('Template')).toContainText('Mimecast (SP-initiated)');
  await dialog.getByLabel('Template').selectOption({ label: 'Mimecast Personal Portal (IdP-initiated)' });
  // The template asks for what it needs, with field messages.
  await dialog.getByLabel('Mimecast account code').fill('<ACCOUNT_CODE>');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByLabel('Mimecast region')).toHaveAccessibleDescription(/Choose the Mimecast region/);
  await expect(dialog.getByLabel('Mimecast account code')).toHaveAccessibleDescription(/letters and digits/);
  await dialog.getByLabel('Mimecast region').selectOption('eu');
  await dialog.getByLabel('Mimecast account code').fill('C0A0');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(realms.link(name)).toBeVisible();
  await expect(realms.row(name)).toContainText('SAML 2.0 (IdP Initiated) Assertion');

  const tab = new RealmTabPage(page, await realms.idOf(name), 'post-authentication');
  await tab.goto();
  await expect(tab.field('SAML Consumer URL')).toHaveValue('https://eu-api.mimecast.com/login/sso/mpp');
  await expect(tab.field('SAML Recipient')).toHaveValue('https://eu-api.mimecast.com/login/sso/mpp');
  await expect(tab.field('SAML Audience')).toHaveValue('eu-api.mimecast.com.C0A0');
  await expect(tab.field('User ID Mapping')).toHaveValue('email2');
  await expect(tab.field('Name ID Format')).toHaveValue('urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified');

  await realms.goto();
  await realms.delete(name);
});

/** A certificate and key made by openssl that expire in 10 days. */
function shortLivedCertificate(commonName: string): { certificate: string; privateKey: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'realmgate-e2e-cert-'));
  const [cert, key] = [path.join(dir, 'cert.pem'), path.join(dir, 'key.pem')];
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '10', '-subj', `/CN=${commonName}`],
    {
      stdio: 'ignore',
    },
  );
  return { certificate: readFileSync(cert, 'utf8'), privateKey: readFileSync(key, 'utf8') };
}

test('a next certificate that expires soon: rollover, warnings, Make default and delete', async ({ page, realm }) => {
  const commonName = `E2E Short ${Date.now().toString(36)}`;
  await page.goto('/certificates');
  await page.getByRole('button', { name: 'Import PEM' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import PEM' });
  const pem = shortLivedCertificate(commonName);
  await importDialog.getByLabel('Certificate (PEM)').fill(pem.certificate);
  await importDialog.getByLabel('Private key (PEM)').fill(pem.privateKey);
  await importDialog.getByRole('button', { name: 'Import' }).click();
  const row = page.getByRole('row', { name: new RegExp(commonName) });
  const serial = (await row.getByRole('code').first().textContent()) ?? '';
  // In no realm's use yet: no warning.
  await expect(page.getByRole('alert', { name: 'Certificate expiry' })).toHaveCount(0);

  // The realm plans a switch to it.
  const tab = new RealmTabPage(page, realm.id, 'post-authentication');
  await tab.goto();
  await tab.field('Authenticated User Redirect').selectOption('saml-idp-initiated');
  await tab.field('SAML Consumer URL').fill('https://sp.example.com/acs');
  await tab.field('WS Fed / SAML Issuer').fill(`urn:e2e:rollover:${serial}`);
  await tab.field('SAML Audience').fill('https://sp.example.com');
  await tab.form.getByRole('button', { name: 'Select Next Certificate' }).click();
  await page
    .getByRole('dialog', { name: 'Select the next certificate' })
    .getByRole('button', { name: `Use certificate ${serial}` })
    .click();
  await expect(tab.field('Next Certificate Serial Number')).toHaveValue(serial);
  await tab.field('Switch At (UTC)').fill('2099-01-01T09:00');
  await tab.save();
  await page.reload();
  await expect(page.getByRole('status', { name: 'Planned certificate switch' })).toHaveText(
    `Switches to ${commonName} (${serial}) at 2099-01-01 09:00 UTC.`,
  );
  const banner = page.getByRole('alert', { name: 'Certificate expiry' });
  await expect(banner).toContainText(`Signing certificate ${commonName} (${serial}) expires on`);

  // The metadata lists both certificates, the current (default) one first.
  const metadata = await (await page.request.get(`/realms/${realm.id}/metadata?domain=idp.example.com`)).text();
  expect(metadata.match(/<md:KeyDescriptor use="signing">/g)).toHaveLength(2);
  expect(metadata.indexOf(pem.certificate.split('\n')[1] ?? '-')).toBeGreaterThan(metadata.indexOf('</md:KeyDescriptor>'));

  // Badges on the realms list and the certificates list.
  const realms = new RealmsPage(page);
  await realms.goto();
  await realms.find(realm.name);
  await expect(realms.row(realm.name)).toContainText('Certificate expires soon');
  await page.goto('/certificates');
  await expect(row).toContainText('Expires soon');
  await expect(row).toContainText(`${realm.name} (next)`);

  // Make default names the realms that follow the default (this one does, until its switch).
  await page.getByRole('button', { name: `Make ${serial} the default` }).click();
  const makeDefault = page.getByRole('dialog', { name: `Make ${serial} the default` });
  await expect(makeDefault.getByRole('list', { name: 'Realms that follow the default' })).toContainText(realm.name);
  await makeDefault.getByRole('button', { name: 'Cancel' }).click();

  // The next certificate of a realm cannot be deleted.
  await page.getByRole('button', { name: `Delete certificate ${serial}` }).click();
  const deleteDialog = page.getByRole('dialog', { name: `Delete certificate ${serial}` });
  await deleteDialog.getByRole('button', { name: 'Delete certificate' }).click();
  await expect(deleteDialog.getByRole('alert')).toContainText(`In use by ${realm.name} (its next certificate)`);
  await deleteDialog.getByRole('button', { name: 'Cancel' }).click();

  // Switch now: the realm signs with it at once.
  await tab.goto();
  await tab.form.getByRole('button', { name: 'Switch now' }).click();
  await expect(tab.field('Signing Cert Serial Number')).toHaveValue(serial);
  await expect(tab.field('Next Certificate Serial Number')).toHaveValue('');

  // Back to the default, and the certificate goes: no warning is left for the tests that follow.
  await tab.form.getByRole('button', { name: 'Select Certificate' }).click();
  await page.getByRole('dialog', { name: 'Select Certificate' }).getByRole('button', { name: 'Use the default certificate' }).click();
  await tab.save();
  await page.goto('/certificates');
  await page.getByRole('button', { name: `Delete certificate ${serial}` }).click();
  await page
    .getByRole('dialog', { name: `Delete certificate ${serial}` })
    .getByRole('button', { name: 'Delete certificate' })
    .click();
  await expect(page.getByRole('status', { name: 'Certificate status' })).toHaveText('Certificate deleted.');
  await expect(page.getByRole('alert', { name: 'Certificate expiry' })).toHaveCount(0);
});
