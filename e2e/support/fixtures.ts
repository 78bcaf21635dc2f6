import { test as base, expect } from '@playwright/test';

import { RealmsPage } from './realms-page';

export { expect } from '@playwright/test';

type Realm = { id: string; name: string };

let counter = 0;

/**
 * Every test: fails when a console page reports a Content-Security-Policy violation (a script or style the
 * nonce policy of proxy.ts blocked), as Chromium logs it and as the page's securitypolicyviolation event sees it.
 * `realm`: a fresh realm created through the realms list, deleted again after the test.
 */
export const test = base.extend<{ cspViolations: string[]; realm: Realm }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(
            `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline code'} in ${event.sourceFile}:${event.lineNumber}`,
          );
        });
      });
      context.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy|CSP violation/i.test(message.text())) violations.push(message.text());
      });
      await use(violations);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
  realm: async ({ page, context }, use, testInfo) => {
    const name = `E2E ${testInfo.title.slice(0, 40)} ${Date.now().toString(36)}${++counter}`;
    const realms = new RealmsPage(page);
    await realms.goto();
    const id = await realms.create(name);
    // The realm URL stays when a test renames the realm: the cleanup finds the realm by it.
    const url = (await realms.row(name).getByRole('code').textContent()) ?? '';
    await use({ id, name });
    // A fresh page: the test's page may hold unsaved changes and would (rightly) refuse to leave.
    const cleanup = new RealmsPage(await context.newPage());
    await cleanup.goto();
    await cleanup.filter(/\/sso\/([\w-]+)$/.exec(url)?.[1] ?? '');
    const current = cleanup.page.getByRole('row').filter({ has: cleanup.page.locator(`a[href^="/realms/${id}/"]`) });
    if (await current.count()) {
      const currentName = (await current.getByRole('link').first().textContent()) ?? name;
      await cleanup.delete(currentName);
    }
  },
});
