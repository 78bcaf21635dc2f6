import { expect, test } from './support/fixtures';
import { RealmTabPage } from './support/realm-tab';

/** Opens the Workflow tab and changes Max Invalid Attempts from 5 to 7 (unsaved). */
async function editWorkflow(tab: RealmTabPage): Promise<void> {
  await tab.goto();
  await tab.field('Max Invalid Attempts').fill('7');
  await expect(tab.unsavedNotice).toBeVisible();
  await expect(tab.tabLink('workflow')).toContainText('unsaved changes');
}

test('switching tabs with unsaved changes asks first: Stay keeps the edit', async ({ page, realm }) => {
  const tab = new RealmTabPage(page, realm.id, 'workflow');
  await editWorkflow(tab);
  await tab.tabLink('data').click();
  await expect(tab.leaveDialog).toBeVisible();
  await expect(tab.leaveDialog).toContainText('You have unsaved changes on Workflow');
  await tab.leaveDialog.getByRole('button', { name: 'Stay' }).click();
  await expect(tab.leaveDialog).toBeHidden();
  await expect(page).toHaveURL(/\/workflow$/);
  await expect(tab.field('Max Invalid Attempts')).toHaveValue('7');
  await expect(tab.unsavedNotice).toBeVisible();
});

test('Discard leaves without saving', async ({ page, realm }) => {
  const tab = new RealmTabPage(page, realm.id, 'workflow');
  await editWorkflow(tab);
  await tab.tabLink('data').click();
  await tab.leaveDialog.getByRole('button', { name: 'Discard' }).click();
  await expect(page).toHaveURL(/\/data$/);
  await tab.tabLink('workflow').click();
  await expect(tab.field('Max Invalid Attempts')).toHaveValue('5');
});

test('Save in the dialog saves, then leaves', async ({ page, realm }) => {
  const tab = new RealmTabPage(page, realm.id, 'workflow');
  await editWorkflow(tab);
  await tab.tabLink('multi-factor-methods').click();
  await tab.leaveDialog.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/multi-factor-methods$/);
  await page.goto(`/realms/${realm.id}/workflow`);
  await expect(tab.field('Max Invalid Attempts')).toHaveValue('7');
});

test('Save in the dialog stays when the values are invalid', async ({ page, realm }) => {
  const tab = new RealmTabPage(page, realm.id, 'workflow');
  await tab.goto();
  await tab.field('Lockout Minutes').fill('0');
  await tab.tabLink('data').click();
  await tab.leaveDialog.getByRole('button', { name: 'Save' }).click();
  await expect(tab.leaveDialog).toBeHidden();
  await expect(page).toHaveURL(/\/workflow$/);
  await tab.expectFieldError('Lockout Minutes', /1 to 1440/);
});

test('any console link asks first, and the Discard button in the save bar restores the form', async ({ page, realm }) => {
  const tab = new RealmTabPage(page, realm.id, 'workflow');
  await editWorkflow(tab);
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Realms' }).click();
  await expect(tab.leaveDialog).toBeVisible();
  await tab.leaveDialog.getByRole('button', { name: 'Stay' }).click();
  await tab.form.getByRole('button', { name: 'Discard' }).click();
  await expect(tab.field('Max Invalid Attempts')).toHaveValue('5');
  await expect(tab.unsavedNotice).toBeHidden();
  // Clean again: links just work.
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Realms' }).click();
  await expect(page).toHaveURL(/\/realms$/);
});

test('browser back asks first; Stay keeps the page, Discard goes back', async ({ page, realm }) => {
  const tab = new RealmTabPage(page, realm.id, 'workflow');
  await page.goto(`/realms/${realm.id}/overview`);
  await tab.tabLink('workflow').click();
  await tab.field('Max Invalid Attempts').fill('7');
  await page.goBack();
  await expect(tab.leaveDialog).toBeVisible();
  await expect(page).toHaveURL(/\/workflow$/);
  await tab.leaveDialog.getByRole('button', { name: 'Stay' }).click();
  await expect(tab.field('Max Invalid Attempts')).toHaveValue('7');

  await page.goBack();
  await tab.leaveDialog.getByRole('button', { name: 'Discard' }).click();
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByRole('form', { name: 'Overview' })).toBeVisible();
});

test('browser forward asks first', async ({ page, realm }) => {
  const tab = new RealmTabPage(page, realm.id, 'workflow');
  await tab.goto();
  await tab.tabLink('data').click();
  await expect(page).toHaveURL(/\/data$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/workflow$/);
  await tab.field('Max Invalid Attempts').fill('7');
  await page.goForward();
  await expect(tab.leaveDialog).toBeVisible();
  await expect(page).toHaveURL(/\/workflow$/);
  await tab.leaveDialog.getByRole('button', { name: 'Discard' }).click();
  await expect(page).toHaveURL(/\/data$/);
});

test('reload and closing the tab get the browser leave prompt', async ({ page, realm }) => {
  const tab = new RealmTabPage(page, realm.id, 'workflow');
  await editWorkflow(tab);

  const reloadPrompt = page.waitForEvent('dialog');
  void page.evaluate(() => window.location.reload());
  const dialog = await reloadPrompt;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss(); // "Stay on page"
  await expect(tab.field('Max Invalid Attempts')).toHaveValue('7');

  const closePrompt = page.waitForEvent('dialog');
  void page.close({ runBeforeUnload: true });
  expect((await closePrompt).type()).toBe('beforeunload');
  await (await closePrompt).dismiss();
  expect(page.isClosed()).toBe(false);
});

test('without changes nothing asks', async ({ page, realm }) => {
  let prompted = false;
  page.on('dialog', (dialog) => {
    prompted = true;
    void dialog.accept();
  });
  const tab = new RealmTabPage(page, realm.id, 'workflow');
  await tab.goto();
  await tab.tabLink('data').click();
  await expect(page).toHaveURL(/\/data$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/workflow$/);
  await page.reload();
  await expect(tab.leaveDialog).toBeHidden();
  expect(prompted).toBe(false);
});
