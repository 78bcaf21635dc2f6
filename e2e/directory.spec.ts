import type { Page } from '@playwright/test';

import { DirectoryPage, DirectoryUserPage } from './support/directory-page';
import { expect, test } from './support/fixtures';

/** Every page and server-action response the browser receives in full, to prove secrets never come back. */
function recordResponses(page: Page): () => Promise<string> {
  const bodies: Promise<string>[] = [];
  // `requestfinished`, not `response`: a streamed body cut off by a navigation would never resolve.
  page.on('requestfinished', (request) => {
    if (!['document', 'fetch', 'xhr'].includes(request.resourceType())) return;
    // A body the browser already dropped (its page was navigated away from) cannot be read: skipped.
    bodies.push(
      request
        .response()
        .then((response) => response?.text() ?? '')
        .catch(() => ''),
    );
  });
  return async () => (await Promise.all(bodies)).join('\n');
}

test('a directory user is added with a profile and a password, edited, disabled, enabled and deleted', async ({ page }) => {
  const received = recordResponses(page);
  const directory = new DirectoryPage(page);
  const stamp = Date.now().toString(36);
  const username = `Alice.${stamp}`;
  const firstPassword = `first-Pa55word-${stamp}`;
  const secondPassword = `second-Pa55word-${stamp}`;

  await directory.goto();
  const userId = await directory.add(username, firstPassword);
  const user = new DirectoryUserPage(page, userId);
  await expect(user.form).toBeVisible();
  await expect(page.getByRole('heading', { name: username })).toBeVisible();
  await expect(user.field('Password')).toHaveValue('Set');

  const profile = {
    'First Name': 'Alice',
    'Last Name': 'Liddell',
    'Email 1': `alice.${stamp}@example.com`,
    'Email 2': 'alice@example.org',
    'Phone 1': '+44 20 7946 0000',
    'Aux ID 10': 'E-1010',
    Groups: 'Staff\nPayroll',
  };
  // An invalid email is refused at the field, and nothing is saved.
  await user.fill({ ...profile, 'Email 2': 'not-an-email' });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await user.expectFieldError('Email 2', /email address/);
  await user.fill({ 'Email 2': profile['Email 2'] });
  await user.replacePassword(secondPassword);
  await user.save();
  await expect(user.field('Password')).toHaveValue('Set');

  await page.reload();
  await user.expectValues({ ...profile, Username: username, Disabled: 'false', Password: 'Set' });

  // Edit one property: Email 2.
  await user.fill({ 'Email 2': 'alice.liddell@example.net' });
  await user.save();
  await page.reload();
  await user.expectValues({ 'Email 2': 'alice.liddell@example.net', 'Email 1': profile['Email 1'] });

  // The list shows the user's name, emails and status; the filter finds them regardless of case.
  await directory.goto();
  await directory.filter(username.toUpperCase());
  await expect(page.getByRole('row')).toHaveCount(2); // header + the one user
  await expect(directory.row(username)).toContainText('Alice Liddell');
  await expect(directory.row(username)).toContainText(profile['Email 1']);
  await expect(directory.row(username)).toContainText('alice.liddell@example.net');
  await expect(directory.row(username)).toContainText('Enabled');

  await directory.setEnabled(username, false);
  await page.reload();
  await expect(directory.row(username)).toContainText('Disabled');
  await user.goto();
  await expect(user.field('Disabled')).toHaveValue('true');
  await directory.goto(username);
  await directory.setEnabled(username, true);
  await page.reload();
  await expect(directory.row(username)).toContainText('Enabled');

  // A second user with the same name in another case is refused at the field.
  await directory.submitAdd(username.toLowerCase(), firstPassword);
  await expect(directory.addDialog.getByLabel('Username')).toHaveAccessibleDescription(/already exists/);
  await directory.addDialog.getByRole('button', { name: 'Cancel' }).click();

  // Neither password nor any hash ever reached the browser.
  const everything = `${await page.content()}\n${await received()}`;
  expect(everything).toContain(profile['Email 1']); // the recording did capture the user's data
  for (const secret of [firstPassword, secondPassword, 'scrypt$']) expect(everything).not.toContain(secret);

  // Delete asks for the username; the button stays disabled until it matches.
  await directory
    .row(username)
    .getByRole('button', { name: `Delete ${username}` })
    .click();
  await directory.deleteDialog(username).getByLabel('Username to confirm').fill(username.toLowerCase());
  await expect(directory.deleteDialog(username).getByRole('button', { name: 'Delete user' })).toBeDisabled();
  await directory.deleteDialog(username).getByRole('button', { name: 'Cancel' }).click();
  await directory.delete(username);
  await page.reload();
  await expect(directory.link(username)).toHaveCount(0);
  const gone = await page.goto(`/directory/${userId}`);
  expect(gone?.status()).toBe(404);
});

test('a user page with unsaved changes asks before leaving, like the realm tabs', async ({ page }) => {
  const directory = new DirectoryPage(page);
  const username = `guard.${Date.now().toString(36)}`;
  await directory.goto();
  const user = new DirectoryUserPage(page, await directory.add(username, 'a long enough password'));
  await user.fill({ 'Last Name': 'Unsaved' });
  await expect(user.unsavedNotice).toBeVisible();
  await page.getByRole('link', { name: '← Directory' }).click();
  await expect(user.leaveDialog).toContainText('You have unsaved changes on User');
  await user.leaveDialog.getByRole('button', { name: 'Discard' }).click();
  await expect(page).toHaveURL(/\/directory$/);
  await directory.delete(username);
});

test('an unknown user id shows the not-found page', async ({ page }) => {
  const response = await page.goto('/directory/no-such-user');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
});
