import { type Locator, type Page, expect } from '@playwright/test';

export type TabSlug = 'overview' | 'data' | 'workflow' | 'multi-factor-methods' | 'post-authentication';

export const TAB_LABELS: Record<TabSlug, string> = {
  overview: 'Overview',
  data: 'Data',
  workflow: 'Workflow',
  'multi-factor-methods': 'Multi-Factor Methods',
  'post-authentication': 'Post Authentication',
};

/** One realm tab: its form, save bar, status and the unsaved-changes dialog. */
export class RealmTabPage {
  constructor(
    readonly page: Page,
    readonly realmId: string,
    readonly tab: TabSlug,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`/realms/${this.realmId}/${this.tab}`);
    await expect(this.form).toBeVisible();
  }

  get form(): Locator {
    return this.page.getByRole('form', { name: TAB_LABELS[this.tab] });
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  tabLink(tab: TabSlug): Locator {
    return this.page.getByRole('navigation', { name: 'Realm tabs' }).getByRole('link', { name: TAB_LABELS[tab] });
  }

  get saveButton(): Locator {
    return this.page.getByRole('button', { name: 'Save', exact: true });
  }

  get unsavedNotice(): Locator {
    return this.page.getByText('You have unsaved changes');
  }

  get status(): Locator {
    return this.page.getByRole('status', { name: 'Save status' });
  }

  get leaveDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Unsaved changes' });
  }

  async save(): Promise<void> {
    await this.saveButton.click();
    await expect(this.status).toHaveText(`${TAB_LABELS[this.tab]} saved.`);
    await expect(this.unsavedNotice).toBeHidden();
  }

  /** The error shown under a field (linked by aria-describedby). */
  async expectFieldError(label: string, message: RegExp): Promise<void> {
    const field = this.field(label);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(message);
  }
}
