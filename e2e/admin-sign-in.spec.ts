import { E2E_ADMIN } from '../playwright.config';

import { expect, test } from './support/fixtures';
import { signIn } from './support/sign-in';

const AUDITOR = { username: `auditor-${Date.now().toString(36)}`, password: 'auditor password 2026' };

// These tests start signed out: each signs in (or fails to) itself.
test.use({ storageState: { cookies: [], origins: [] } });

test('a console page without a session goes to /login, and back to that page after signing in', async ({ page }) => {
  await page.goto('/certificates');
  await expect(page).toHaveURL(/\/login\?next=%2Fcertificates$/);
  await page.getByLabel('Username').fill(E2E_ADMIN.username);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('The username or password is incorrect.');
  await page.getByLabel('Password').fill(E2E_ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Signing certificates' })).toBeVisible();
  await expect(page).toHaveURL(/\/certificates$/);
});

test('sign-out ends the session on the server: a copied cookie no longer works', async ({ page, browser }) => {
  await signIn(page, E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Realms' })).toBeVisible();
  const copied = await page.context().storageState();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  const thief = await (await browser.newContext({ storageState: copied })).newPage();
  await thief.goto('/realms');
  await expect(thief).toHaveURL(/\/login\?next=%2Frealms$/);
});

test('an auditor sees the console read-only; disabling them ends their session at once', async ({ page, browser }) => {
  await signIn(page, E2E_ADMIN.username, E2E_ADMIN.password, '/admins');
  await page.getByRole('button', { name: 'Add admin' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add admin' });
  await dialog.getByLabel('Username').fill(AUDITOR.username);
  await dialog.getByLabel('Role').selectOption('auditor');
  await dialog.getByLabel('Password').fill(AUDITOR.password);
  await dialog.getByRole('button', { name: 'Add admin' }).click();
  await expect(page.getByRole('row', { name: new RegExp(AUDITOR.username) })).toContainText('Auditor');

  const auditor = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await signIn(auditor, AUDITOR.username, AUDITOR.password);
  await expect(auditor.getByRole('button', { name: 'Create realm' })).toHaveCount(0);
  await auditor.getByRole('link', { name: 'Mimecast Personal Portal', exact: true }).click();
  await auditor.getByRole('navigation', { name: 'Realm tabs' }).getByRole('link', { name: 'Workflow' }).click();
  const form = auditor.getByRole('form', { name: 'Workflow' });
  await expect(auditor.getByRole('note')).toContainText('Read only');
  await expect(form.getByLabel('Max Invalid Attempts', { exact: true })).toBeDisabled();
  await expect(auditor.getByRole('button', { name: 'Save', exact: true })).toHaveCount(0);

  await page.getByRole('button', { name: `Disable ${AUDITOR.username}` }).click();
  await expect(page.getByRole('status')).toContainText('their sessions have ended');
  await auditor.reload();
  await expect(auditor).toHaveURL(/\/login\?next=%2Frealms%2F/);
});
