import { ADMIN_STATE } from '../playwright.config';
import { expect, test } from './support/fixtures';
import { RealmTabPage } from './support/realm-tab';

test('two admins saving the same tab: the second is refused, keeps the edit, and can reload', async ({ browser, page, realm }) => {
  const first = new RealmTabPage(page, realm.id, 'workflow');
  const otherContext = await browser.newContext({ storageState: ADMIN_STATE });
  const second = new RealmTabPage(await otherContext.newPage(), realm.id, 'workflow');
  await first.goto();
  await second.goto();

  await first.field('Max Invalid Attempts').fill('8');
  await first.save();

  await second.field('Lockout Minutes').fill('45');
  await second.saveButton.click();
  await expect(second.form.getByRole('alert')).toContainText('Another admin saved this tab after you opened it');
  await expect(second.status).toHaveText(/Not saved: another admin saved this tab first/);
  await expect(second.field('Lockout Minutes')).toHaveValue('45');
  await expect(second.unsavedNotice).toBeVisible();

  await second.page.getByRole('button', { name: 'Reload (discards your edits)' }).click();
  await expect(second.field('Max Invalid Attempts')).toHaveValue('8');
  await expect(second.field('Lockout Minutes')).toHaveValue('15');
  await otherContext.close();
});

test('admins saving different tabs of the same realm do not conflict', async ({ browser, page, realm }) => {
  const workflow = new RealmTabPage(page, realm.id, 'workflow');
  const otherContext = await browser.newContext({ storageState: ADMIN_STATE });
  const overview = new RealmTabPage(await otherContext.newPage(), realm.id, 'overview');
  await workflow.goto();
  await overview.goto();
  await overview.field('Realm Description').fill('Changed by the other admin');
  await overview.save();
  await workflow.field('Max Invalid Attempts').fill('9');
  await workflow.save();

  await workflow.page.reload();
  await expect(workflow.field('Max Invalid Attempts')).toHaveValue('9');
  await overview.page.reload();
  await expect(overview.field('Realm Description')).toHaveValue('Changed by the other admin');
  await otherContext.close();
});
