import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { defineConfig } from '@playwright/test';

// One throwaway database and key file for the whole run. The config is evaluated again in every worker;
// the environment variables set here by the main process are inherited, so all agree on one folder.
process.env.REALMGATE_E2E_DIR ??= mkdtempSync(path.join(tmpdir(), 'realmgate-e2e-'));
const dir = process.env.REALMGATE_E2E_DIR;
const port = process.env.REALMGATE_E2E_PORT ?? '3210';
// The console's first administrator, signed in once by e2e/admin.setup.ts; every console test reuses that login.
export const E2E_ADMIN = Object.freeze({ username: 'admin', password: 'e2e administrator password' });
export const ADMIN_STATE = path.join(dir, 'admin-state.json');

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // A focused test left in by mistake must not turn CI green with the rest of the suite skipped.
  forbidOnly: Boolean(process.env.CI),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // A throwaway OpenLDAP (test/ldap) for the LDAP store tests; stopped when the run ends.
  globalSetup: './e2e/support/ldap-global-setup.ts',
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-first-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium: `npx playwright install` cannot download browsers on these machines.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'sign-in', testMatch: /admin\.setup\.ts$/ },
    { name: 'console', dependencies: ['sign-in'], testIgnore: /instances\.spec\.ts$/, use: { storageState: ADMIN_STATE } },
    // Two more instances on a throwaway PostgreSQL, from the build the web server made (e2e/support/instances.ts).
    { name: 'instances', testMatch: /instances\.spec\.ts$/ },
  ],
  webServer: {
    // The real `npm start` path: migrations, demo seed, `next build` when sources changed, `next start`.
    command: 'node scripts/start.mjs',
    url: `http://127.0.0.1:${port}/login`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      PORT: port,
      DATABASE_URL: `file:${path.join(dir, 'e2e.db')}`,
      REALMGATE_KEY_FILE: path.join(dir, 'secret.key'),
      REALMGATE_ADMIN_USERNAME: E2E_ADMIN.username,
      REALMGATE_ADMIN_PASSWORD: E2E_ADMIN.password,
    },
  },
});
