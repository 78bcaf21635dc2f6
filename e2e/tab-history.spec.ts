import { expect, test } from '@playwright/test';

import { HistoryPage } from './support/history-page';
import { RealmTabPage } from './support/realm-tab';
import { RealmsPage } from './support/realms-page';

// The demo realm as seeded is checked by sso.spec.ts, which runs before this file (files run in alphabetical
// order): this test leaves the realm edited. Its SAML Audience must hold a real account code to save.
const AUDIENCE = 'us-api.mimecast.com.C0A0B1C2';

test('an edit of the demo realm shows in History with before and after, and Restore brings the old value back', async ({ page }) => {
  const realms = new RealmsPage(page);
  await realms.goto();
  const tab = new RealmTabPage(page, await realms.idOf('Mimecast Personal Portal'), 'post-authentication');
  await tab.goto();
  await tab.field('SAML Audience').fill(AUDIENCE);
  await tab.field('SAML Valid Hours').fill('4');
  await tab.save();
  await tab.field('SAML Valid Hours').fill('7');
  await tab.save();

  // History is a link like any other: with unsaved edits the guard asks first.
  await tab.field('SAML Valid Hours').fill('9');
  await page.getByRole('navigation', { name: 'Realm tabs' }).getByRole('link', { name: 'History' }).click();
  await expect(tab.leaveDialog).toBeVisible();
  await tab.leaveDialog.getByRole('button', { name: 'Discard' }).click();
  await expect(page).toHaveURL(new RegExp(`/realms/${tab.realmId}/history$`));

  const history = new HistoryPage(page);
  await expect(history.record(0)).toContainText('Realm Mimecast Personal Portal › Post Authentication');
  await expect(history.record(0)).toContainText('Saved: SAML Valid Hours');
  await history.openRecord(0);
  await expect(history.diffRow('SAML Valid Hours').getByRole('cell')).toHaveText(['4', '7']);

  await history.restoreButton.click();
  await expect(history.restoreStatus).toContainText('Post Authentication restored to its values before this change.');
  await history.restoreStatus.getByRole('link', { name: 'Open Post Authentication' }).click();
  await expect(tab.field('SAML Valid Hours')).toHaveValue('4');

  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'History' }).click();
  await expect(history.record(0)).toContainText(/Restored from change #\d+: SAML Valid Hours/);
});
