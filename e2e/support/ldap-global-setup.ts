import { startSlapd } from '../../test/ldap/slapd';

/**
 * Playwright globalSetup: the throwaway slapd of test/ldap for the whole run. Its addresses reach the test
 * workers through the environment (they start after this); the returned function stops it.
 */
export default async function globalSetup() {
  const { stop, ...server } = await startSlapd();
  process.env.REALMGATE_E2E_LDAP = JSON.stringify(server);
  return stop;
}
