import { type Locator, type Page, expect } from '@playwright/test';

/** A history list (/history or a realm's History) and a record's page (/history/[id]), by roles and labels. */
export class HistoryPage {
  constructor(readonly page: Page) {}

  /** The records table (its header row included). */
  get records(): Locator {
    return this.page.getByRole('table').filter({ has: this.page.getByRole('columnheader', { name: 'Summary' }) });
  }

  /** The n-th record row, newest first (0: the newest). */
  record(index: number): Locator {
    return this.records.getByRole('row').nth(index + 1);
  }

  async openRecord(index: number): Promise<void> {
    await this.record(index).getByRole('link').click();
    await expect(this.page.getByRole('heading', { name: /^Change #\d+$/ })).toBeVisible();
  }

  /** On a record's page: the diff row of a field, by the label the tab uses. */
  diffRow(label: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: label, exact: true }) });
  }

  get restoreButton(): Locator {
    return this.page.getByRole('button', { name: /^Restore/ });
  }

  get restoreStatus(): Locator {
    return this.page.getByRole('status', { name: 'Restore status' });
  }
}
