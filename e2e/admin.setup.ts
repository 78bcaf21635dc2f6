import { ADMIN_STATE, E2E_ADMIN } from '../playwright.config';
import { expect, test as setup } from '@playwright/test';

import { signIn } from './support/sign-in';

// One login for the whole run (STYLE §6), made with the first-start administrator the server was given.
setup('sign in as the first administrator', async ({ page }) => {
  await signIn(page, E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByRole('heading', { name: 'Realms' })).toBeVisible();
  await page.context().storageState({ path: ADMIN_STATE });
});
