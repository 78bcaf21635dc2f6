import path from 'node:path';

import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; tests run lib code directly.
      'server-only': path.resolve(import.meta.dirname, 'test/server-only-stub.ts'),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'app/**/*.test.ts', 'scripts/**/*.test.mjs'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    // A throwaway OpenLDAP on a loopback port for the LDAP user store tests (test/ldap/slapd.ts).
    globalSetup: ['test/ldap/global-setup.ts'],
    // Each integration test file gets its own throwaway database; files run in separate workers.
    pool: 'forks',
  },
});
