import type { Page } from '@playwright/test';

/** Signs in on /login (optionally coming from a console page) the way an admin does. */
export async function signIn(page: Page, username: string, password: string, from = '/realms'): Promise<void> {
  await page.goto(from);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
