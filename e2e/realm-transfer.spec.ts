import { readFileSync } from 'node:fs';

import type { Page } from '@playwright/test';

import { RealmTabPage } from './support/realm-tab';
import { RealmsPage } from './support/realms-page';
import { expect, test } from './support/fixtures';

/** Realm export and import on the realms list (README "Realm export and import"). */
async function download(page: Page, link: string): Promise<{ name: string; json: Record<string, unknown> & { realms: ExportedRealm[] } }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: link, exact: true }).click()]);
  return { name: file.suggestedFilename(), json: JSON.parse(readFileSync((await file.path()) ?? '', 'utf8')) };
}

type ExportedRealm = { slug: string; tabs: Record<string, Record<string, unknown>> };

async function importFile(page: Page, content: unknown) {
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import realms' });
  await dialog
    .getByLabel('Export file')
    .setInputFiles({ name: 'realms.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(content)) });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  return dialog;
}

test('exports every realm or one, without secrets, and imports a changed file into the realm', async ({ page, realm }) => {
  const realms = new RealmsPage(page);
  await realms.goto();
  const all = await download(page, 'Export all');
  expect(all.name).toMatch(/^realmgate-realms-\d{4}-\d{2}-\d{2}\.json$/);
  expect(all.json).toMatchObject({ format: 'realmgate-realms', version: 1 });
  expect(all.json.realms.map((entry) => entry.tabs.overview?.name)).toEqual(
    expect.arrayContaining([realm.name, 'Mimecast Personal Portal']),
  );

  const one = await download(page, `Export ${realm.name}`);
  expect(one.json.realms).toHaveLength(1);
  const exported = one.json.realms[0] as ExportedRealm;
  expect(exported.tabs.overview).toMatchObject({ name: realm.name, smtpPassword: null });

  exported.tabs.overview = { ...exported.tabs.overview, description: 'Imported from a file' };
  const dialog = await importFile(page, one.json);
  await expect(dialog.getByRole('status')).toContainText(`Updated: ${realm.name}.`);
  await dialog.getByRole('button', { name: 'Close' }).click();

  const overview = new RealmTabPage(page, realm.id, 'overview');
  await overview.goto();
  await expect(overview.field('Realm Description')).toHaveValue('Imported from a file');
});

test('an import with mistakes lists each one with its place in the file, and changes nothing', async ({ page, realm }) => {
  const realms = new RealmsPage(page);
  await realms.goto();
  const { json } = await download(page, `Export ${realm.name}`);
  const exported = json.realms[0] as ExportedRealm;
  exported.tabs['post-authentication'] = { ...exported.tabs['post-authentication'], consumerUrl: 'javascript:alert(1)' };
  exported.tabs.workflow = { ...exported.tabs.workflow, maxInvalidAttempts: -1 };

  const dialog = await importFile(page, json);
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('Nothing was imported: the file has these problems.');
  await expect(alert).toContainText('realms[0].post-authentication.consumerUrl:');
  await expect(alert).toContainText('realms[0].workflow.maxInvalidAttempts:');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  const workflow = new RealmTabPage(page, realm.id, 'workflow');
  await workflow.goto();
  await expect(workflow.field('Max Invalid Attempts')).not.toHaveValue('-1');
});
