import { expect, test } from './support/fixtures';
import { RealmsPage } from './support/realms-page';

test('a realm is created, filtered, renamed, duplicated and deleted from the list', async ({ page }) => {
  const realms = new RealmsPage(page);
  await realms.goto();
  const suffix = Date.now().toString(36);
  const name = `Payroll ${suffix}`;

  await realms.create(name);
  await expect(realms.row(name)).toContainText(`/sso/payroll-${suffix}`);
  await expect(realms.row(name)).toContainText('None (sign-in only)');

  // A second realm with the same name (any case) is refused at the field.
  await page.getByRole('button', { name: 'Create realm' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create realm' });
  await dialog.getByLabel('Realm Name').fill(name.toUpperCase());
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByLabel('Realm Name')).toHaveAccessibleDescription(/already exists/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByLabel('Filter by name').fill(suffix);
  await expect(page.getByRole('row')).toHaveCount(2); // header + the one realm
  await page.getByLabel('Filter by name').fill('');

  await realms.rename(name, `Payroll EU ${suffix}`);
  await expect(realms.link(`Payroll EU ${suffix}`)).toBeVisible();
  // Renaming keeps the URL, so service providers keep working.
  await expect(realms.row(`Payroll EU ${suffix}`)).toContainText(`/sso/payroll-${suffix}`);

  await realms.duplicate(`Payroll EU ${suffix}`, `Payroll US ${suffix}`);
  await expect(realms.row(`Payroll US ${suffix}`)).toContainText(`/sso/payroll-us-${suffix}`);

  // Delete asks for the name; the button stays disabled until it matches.
  await page.getByRole('button', { name: `Delete Payroll US ${suffix}` }).click();
  const confirm = page.getByRole('dialog', { name: `Delete Payroll US ${suffix}` });
  await confirm.getByLabel('Realm name to confirm').fill('payroll');
  await expect(confirm.getByRole('button', { name: 'Delete realm' })).toBeDisabled();
  await confirm.getByRole('button', { name: 'Cancel' }).click();

  await realms.delete(`Payroll US ${suffix}`);
  await realms.delete(`Payroll EU ${suffix}`);
});

test('an unknown realm id shows the not-found page', async ({ page }) => {
  const response = await page.goto('/realms/no-such-realm/overview');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
});

test('console pages refuse to be framed and are not sniffed', async ({ page }) => {
  const response = await page.goto('/realms');
  const headers = response?.headers() ?? {};
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
});

test('the list filters by redirect on the server and keeps the filters in its address', async ({ page, realm }) => {
  const realms = new RealmsPage(page);
  await realms.goto();
  await page.getByLabel('Authenticated User Redirect').selectOption('saml-idp-initiated');
  await expect(page).toHaveURL(/\/realms\?redirect=saml-idp-initiated$/);
  await expect(realms.link('Mimecast Personal Portal')).toBeVisible(); // the demo realm signs in with SAML
  await expect(realms.link(realm.name)).toHaveCount(0); // a new realm signs in only

  // The filtered list is a link: opened again, it shows the same realms with the filters filled in.
  await page.goto('/realms?redirect=none&q=e2e');
  await expect(page.getByLabel('Filter by name or URL')).toHaveValue('e2e');
  await expect(page.getByLabel('Authenticated User Redirect')).toHaveValue('none');
  await expect(realms.link(realm.name)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Realm pages' })).toContainText(/Realms 1–\d+ of \d+/);

  // A hand-edited address gets a message, not an error page.
  await page.goto('/realms?redirect=<script>&page=x');
  const problems = page.getByRole('alert').filter({ hasText: 'is not one of the choices' });
  await expect(problems).toContainText('"x" is not a page number');
});
