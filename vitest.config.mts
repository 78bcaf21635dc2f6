import path from 'node:path';

import { defineConfig } from 'vitest/config';

// Tests that may touch the database run twice: on SQLite and on PostgreSQL (test/setup.ts gives each file its own).
const DATABASE_TESTS = ['lib/**/*.test.ts', 'app/**/*.test.ts'];

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; tests run lib code directly.
      'server-only': path.resolve(import.meta.dirname, 'test/server-only-stub.ts'),
    },
  },
  test: {
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    // A throwaway OpenLDAP on a loopback port for the LDAP user store tests (test/ldap/slapd.ts).
    globalSetup: ['test/ldap/global-setup.ts'],
    // Each integration test file gets its own throwaway database; files run in separate workers.
    pool: 'forks',
    // Many tests hash passwords, sign and walk several sign-in steps: on a shared 2-core machine they may wait for a
    // core. Limits, not measurements (speed lives in `npm run bench`).
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'sqlite', include: [...DATABASE_TESTS, 'scripts/**/*.test.mjs'] } },
      // A throwaway PostgreSQL cluster (Debian's binaries) for the run: test/postgres-global-setup.ts.
      { extends: true, test: { name: 'postgresql', include: DATABASE_TESTS, globalSetup: ['test/postgres-global-setup.ts'] } },
    ],
  },
});
