import { type Locator, type Page, expect } from '@playwright/test';

/** The realms list (/realms), driven through labels and roles only. */
export class RealmsPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/realms');
    await expect(this.page.getByRole('heading', { name: 'Realms' })).toBeVisible();
  }

  get filterField(): Locator {
    return this.page.getByLabel('Filter by name or URL');
  }

  /** Types into the filter as an admin does, and waits for the list (a page of 50, filtered on the server) to follow. */
  async filter(text: string): Promise<void> {
    await this.filterField.fill(text);
    await expect(this.page).toHaveURL((url) => (url.searchParams.get('q') ?? '') === text.trim());
  }

  /** Brings a realm's row onto the page, wherever it sorts among many realms: the list filtered by its name. */
  async find(name: string): Promise<void> {
    await this.filter(name);
    await expect(this.link(name)).toBeVisible();
  }

  link(name: string): Locator {
    return this.page.getByRole('link', { name, exact: true });
  }

  row(name: string): Locator {
    return this.page.getByRole('row').filter({ has: this.link(name) });
  }

  get status(): Locator {
    return this.page.getByRole('status');
  }

  /** Creates a realm and returns its id (from the row's link): the list then shows it, filtered by its name. */
  async create(name: string): Promise<string> {
    await this.page.getByRole('button', { name: 'Create realm' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Create realm' });
    await dialog.getByLabel('Realm Name').fill(name);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(this.link(name)).toBeVisible();
    return this.idOf(name);
  }

  async idOf(name: string): Promise<string> {
    const href = await this.link(name).getAttribute('href');
    const id = /\/realms\/([^/]+)\//.exec(href ?? '')?.[1];
    if (!id) throw new Error(`No realm link for ${name}`);
    return id;
  }

  async rename(name: string, newName: string): Promise<void> {
    await this.find(name);
    await this.page.getByRole('button', { name: `Rename ${name}` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Rename ${name}` });
    await dialog.getByLabel('New name').fill(newName);
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await expect(dialog).toBeHidden();
  }

  async duplicate(name: string, copyName: string): Promise<void> {
    await this.find(name);
    await this.page.getByRole('button', { name: `Duplicate ${name}` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Duplicate ${name}` });
    await dialog.getByLabel('Name of the copy').fill(copyName);
    await dialog.getByRole('button', { name: 'Duplicate' }).click();
    await expect(dialog).toBeHidden();
  }

  async delete(name: string): Promise<void> {
    await this.find(name);
    await this.page.getByRole('button', { name: `Delete ${name}` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Delete ${name}` });
    await dialog.getByLabel('Realm name to confirm').fill(name);
    await dialog.getByRole('button', { name: 'Delete realm' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.link(name)).toHaveCount(0);
  }
}
