import { test as base } from '@playwright/test';

import { RealmsPage } from './realms-page';

export { expect } from '@playwright/test';

type Realm = { id: string; name: string };

let counter = 0;

/** `realm`: a fresh realm created through the realms list, deleted again after the test. */
export const test = base.extend<{ realm: Realm }>({
  realm: async ({ page, context }, use, testInfo) => {
    const name = `E2E ${testInfo.title.slice(0, 40)} ${Date.now().toString(36)}${++counter}`;
    const realms = new RealmsPage(page);
    await realms.goto();
    const id = await realms.create(name);
    await use({ id, name });
    // A fresh page: the test's page may hold unsaved changes and would (rightly) refuse to leave.
    const cleanup = new RealmsPage(await context.newPage());
    await cleanup.goto();
    const current = cleanup.page.getByRole('row').filter({ has: cleanup.page.locator(`a[href^="/realms/${id}/"]`) });
    if (await current.count()) {
      const currentName = (await current.getByRole('link').first().textContent()) ?? name;
      await cleanup.delete(currentName);
    }
  },
});
