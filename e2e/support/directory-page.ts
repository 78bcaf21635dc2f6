import { type Locator, type Page, expect } from '@playwright/test';

/** The Local Directory's users list (/directory), driven through labels and roles only. */
export class DirectoryPage {
  constructor(readonly page: Page) {}

  async goto(filter = ''): Promise<void> {
    await this.page.goto(filter ? `/directory?q=${encodeURIComponent(filter)}` : '/directory');
    await expect(this.page.getByRole('heading', { name: 'Directory', exact: true })).toBeVisible();
  }

  link(username: string): Locator {
    return this.page.getByRole('link', { name: username, exact: true });
  }

  row(username: string): Locator {
    return this.page.getByRole('row').filter({ has: this.link(username) });
  }

  get status(): Locator {
    return this.page.getByRole('status');
  }

  get addDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Add user' });
  }

  async filter(text: string): Promise<void> {
    await this.page.getByLabel('Filter by username').fill(text);
    await this.page.getByRole('button', { name: 'Filter', exact: true }).click();
    await expect(this.page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(text)}`));
  }

  /** Fills and submits the Add user dialog (it stays open when the server refuses). */
  async submitAdd(username: string, password: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Add user' }).click();
    await this.addDialog.getByLabel('Username').fill(username);
    await this.addDialog.getByLabel('Password').fill(password);
    await this.addDialog.getByRole('button', { name: 'Add user' }).click();
  }

  /** Adds a user and returns their id; the console opens the new user's page. */
  async add(username: string, password: string): Promise<string> {
    await this.submitAdd(username, password);
    await expect(this.page).toHaveURL(/\/directory\/[^/?]+$/);
    const id = /\/directory\/([^/?]+)$/.exec(this.page.url())?.[1];
    if (!id) throw new Error(`No user page for ${username}`);
    return id;
  }

  async setEnabled(username: string, enabled: boolean): Promise<void> {
    await this.row(username)
      .getByRole('button', { name: `${enabled ? 'Enable' : 'Disable'} ${username}` })
      .click();
    await expect(this.status).toHaveText(`${username} ${enabled ? 'enabled' : 'disabled'}.`);
    await expect(this.row(username)).toContainText(enabled ? 'Enabled' : 'Disabled');
  }

  deleteDialog(username: string): Locator {
    return this.page.getByRole('dialog', { name: `Delete ${username}` });
  }

  async delete(username: string): Promise<void> {
    await this.row(username)
      .getByRole('button', { name: `Delete ${username}` })
      .click();
    const dialog = this.deleteDialog(username);
    await dialog.getByLabel('Username to confirm').fill(username);
    await dialog.getByRole('button', { name: 'Delete user' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.link(username)).toHaveCount(0);
  }
}

/** One user's page (/directory/[id]): the form, its save bar and the write-only password. */
export class DirectoryUserPage {
  constructor(
    readonly page: Page,
    readonly userId: string,
  ) {}

  async goto(): Promise<void> {
    await this.page.goto(`/directory/${this.userId}`);
    await expect(this.form).toBeVisible();
  }

  get form(): Locator {
    return this.page.getByRole('form', { name: 'User' });
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  get status(): Locator {
    return this.page.getByRole('status', { name: 'Save status' });
  }

  get unsavedNotice(): Locator {
    return this.page.getByText('You have unsaved changes');
  }

  get leaveDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Unsaved changes' });
  }

  async fill(values: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(values)) await this.field(label).fill(value);
  }

  async replacePassword(password: string): Promise<void> {
    await this.form.getByRole('button', { name: 'Replace Password' }).click();
    await this.field('Password').fill(password);
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(this.status).toHaveText('User saved.');
    await expect(this.unsavedNotice).toBeHidden();
  }

  async expectValues(values: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(values)) await expect(this.field(label)).toHaveValue(value);
  }

  /** The error shown under a field (linked by aria-describedby). */
  async expectFieldError(label: string, message: RegExp): Promise<void> {
    await expect(this.field(label)).toHaveAttribute('aria-invalid', 'true');
    await expect(this.field(label)).toHaveAccessibleDescription(message);
  }
}
