import { expect, test } from './support/fixtures';
import { startSmtpSink } from '../test/smtp-sink';

import { RealmTabPage } from './support/realm-tab';
import { CIPHERTEXT, recordResponseBodies } from './support/responses';

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

test('Overview: details, logo and SMTP settings persist; the password is never sent back', async ({ page, realm }) => {
  const responses = recordResponseBodies(page);
  const tab = new RealmTabPage(page, realm.id, 'overview');
  await tab.goto();
  await tab.field('Realm Description').fill('Portal for the finance team');
  await tab.form.getByLabel('Company Logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG_1X1 });
  await expect(tab.form.getByRole('img', { name: 'Current company logo' })).toBeVisible();
  await tab.field('Page Header').fill('Finance sign-in');
  await tab.field('Server Address').fill('smtp.example.com');
  await tab.field('Port').fill('587');
  await tab.field('SSL').selectOption({ label: 'STARTTLS' });
  await tab.field('Username').fill('mailer');
  await tab.form.getByRole('button', { name: 'Set Password' }).click();
  await tab.field('Password').fill('smtp-Secret-123');
  await tab.saveButton.click();
  await tab.expectFieldError('Sender Address', /address emails are sent from/);
  await tab.field('Sender Address').fill('idp@example.com');
  await tab.save();

  await page.reload();
  await expect(tab.field('Realm Description')).toHaveValue('Portal for the finance team');
  await expect(tab.form.getByRole('img', { name: 'Current company logo' })).toBeVisible();
  await expect(tab.field('Page Header')).toHaveValue('Finance sign-in');
  await expect(tab.field('Port')).toHaveValue('587');
  await expect(tab.field('SSL')).toHaveValue('starttls');
  await expect(tab.field('Password')).toHaveValue('Set');
  // Neither the password nor its ciphertext reached the browser, in any page, script or action response.
  const bodies = (await responses()).join('\n');
  expect(bodies).toContain('Finance sign-in'); // the recording works
  expect(bodies).not.toContain('smtp-Secret-123');
  expect(bodies).not.toMatch(CIPHERTEXT);
});

test('Overview: a file that is not an image is refused at the field', async ({ page, realm }) => {
  const tab = new RealmTabPage(page, realm.id, 'overview');
  await tab.goto();
  await tab.form
    .getByLabel('Company Logo')
    .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('not really a png') });
  await expect(tab.form.getByLabel('Company Logo')).toHaveAccessibleDescription(/not a valid PNG image/);
  await expect(tab.unsavedNotice).toBeHidden();
});

test('Data: an Open LDAP store shows its settings, validates them and persists', async ({ page, realm }) => {
  const responses = recordResponseBodies(page);
  const tab = new RealmTabPage(page, realm.id, 'data');
  await tab.goto();
  await expect(tab.field('Connection String')).toHaveCount(0);
  await tab.field('Data Store').selectOption({ label: 'Open LDAP' });
  await expect(tab.field('Search Attribute')).toHaveValue('uid');
  await tab.field('Connection String').fill('ldap.example.com');
  await tab.field('Username').fill('cn=reader,dc=example,dc=com');
  await tab.form.getByRole('button', { name: 'Set Password' }).click();
  await tab.field('Password').fill('bind-Secret-456');
  await tab.saveButton.click();
  await tab.expectFieldError('Connection String', /ldap:\/\/ or ldaps:\/\//);

  await tab.field('Connection String').fill('ldaps://ldap.example.com:636/dc=example,dc=com');
  await tab.saveButton.click();
  await tab.expectFieldError('Connection Mode', /ldaps:\/\/ connection uses mode SSL/);
  await tab.field('Connection Mode').selectOption('ssl');
  await tab.field('Search Attribute').fill('mail');
  await tab.form.getByRole('button', { name: 'Generate Search Filter' }).click();
  await expect(tab.field('Search Filter')).toHaveValue('(&(mail=%v)(objectClass=*))');
  await tab.form.getByRole('textbox', { name: 'Email 2 Field' }).fill('mimecastId');
  await tab.save();

  await page.reload();
  await expect(tab.field('Data Store')).toHaveValue('openldap');
  await expect(tab.field('Connection String')).toHaveValue('ldaps://ldap.example.com:636/dc=example,dc=com');
  await expect(tab.field('Search Filter')).toHaveValue('(&(mail=%v)(objectClass=*))');
  await expect(tab.form.getByRole('textbox', { name: 'Email 2 Field' })).toHaveValue('mimecastId');
  await expect(tab.field('Password')).toHaveValue('Set');
  const bodies = (await responses()).join('\n');
  expect(bodies).toContain('mimecastId');
  expect(bodies).not.toContain('bind-Secret-456');
  expect(bodies).not.toMatch(CIPHERTEXT);
});

test('Workflow: Username Only warns, and the values persist', async ({ page, realm }) => {
  const tab = new RealmTabPage(page, realm.id, 'workflow');
  await tab.goto();
  await tab.field('Default Workflow').selectOption({ label: 'Username Only' });
  await expect(page.getByRole('note')).toContainText('anyone who knows a username gets in');
  await tab.field('Public/Private Mode').selectOption({ label: 'Public Mode Only' });
  await expect(tab.field('Default Public/Private')).toHaveValue('public');
  await tab.field('Remember User Selection').selectOption('false');
  await tab.save();
  await page.reload();
  await expect(tab.field('Default Workflow')).toHaveValue('username-only');
  await expect(tab.field('Public/Private Mode')).toHaveValue('public-only');
  await expect(tab.field('Default Public/Private')).toHaveValue('public');
  await expect(tab.field('Remember User Selection')).toHaveValue('false');
});

test('Multi-Factor Methods: values persist, and a second-factor workflow needs an enabled method', async ({ page, realm }) => {
  const tab = new RealmTabPage(page, realm.id, 'multi-factor-methods');
  await tab.goto();
  await expect(tab.form.getByRole('option', { name: /SMS\/Text \(not available/ }).first()).toBeDisabled();
  await tab.field('Email Field 2').selectOption('enabled');
  await tab.field('Passcode Length').selectOption('8');
  await tab.save();
  await page.reload();
  await expect(tab.field('Email Field 2')).toHaveValue('enabled');
  await expect(tab.field('Passcode Length')).toHaveValue('8');

  // The new realm's workflow asks for a second factor: turning every method off is refused.
  for (const label of ['Email Field 1', 'Email Field 2']) await tab.field(label).selectOption('disabled');
  await tab.field('Time-based Passcodes').selectOption('false');
  await tab.saveButton.click();
  await expect(tab.form.getByRole('alert')).toContainText('asks for a second factor: enable at least one method');
});

test('Overview: Send test email uses the saved SMTP settings', async ({ page, realm }) => {
  const sink = await startSmtpSink({ username: 'mailer', password: 'sink-Pass-789' });
  try {
    const tab = new RealmTabPage(page, realm.id, 'overview');
    await tab.goto();
    await tab.field('Server Address').fill('127.0.0.1');
    await tab.field('Port').fill(String(sink.port));
    await tab.field('Username').fill('mailer');
    await tab.form.getByRole('button', { name: 'Set Password' }).click();
    await tab.field('Password').fill('sink-Pass-789');
    await tab.field('Sender Address').fill('idp@example.com');
    // The sink speaks no TLS: with SSL None the password travels in clear text, so only with the admin's consent.
    await expect(tab.field('SSL')).toHaveAccessibleDescription(/password travels in clear text/);
    await tab.saveButton.click();
    await tab.expectFieldError('SSL', /tick Allow plain-text authentication/);
    await tab.field('Allow plain-text authentication').check();
    await tab.field('Send test email to').fill('admin@example.com');
    await expect(tab.form.getByRole('button', { name: 'Send test email' })).toBeDisabled();
    await tab.save();
    await tab.form.getByRole('button', { name: 'Send test email' }).click();
    await expect(page.getByRole('status', { name: 'Test email result' })).toHaveText('Test email sent to admin@example.com.');
    expect(sink.received.map((mail) => mail.to)).toEqual([['admin@example.com']]);
    await page.reload();
    await expect(tab.field('Allow plain-text authentication')).toBeChecked();
  } finally {
    await sink.close();
  }
});
