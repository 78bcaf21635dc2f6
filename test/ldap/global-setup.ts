import type { TestProject } from 'vitest/node';

import { type LdapTestServer, startSlapd } from './slapd';

declare module 'vitest' {
  export interface ProvidedContext {
    ldap: LdapTestServer;
  }
}

/** vitest globalSetup: one slapd for the whole run (tests only read from it); test files `inject('ldap')`. */
export default async function setup(project: TestProject) {
  const { stop, ...server } = await startSlapd();
  project.provide('ldap', server);
  return stop;
}
