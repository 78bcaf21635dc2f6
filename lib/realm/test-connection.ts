import 'server-only';

import { z } from 'zod';

import { decryptSecret } from '@/lib/crypto/secrets';
import { db } from '@/lib/db';
import { toLdapConfig } from '@/lib/directory/ldap/config';
import { type ConnectionReport, testLdapConnection } from '@/lib/directory/ldap/test-connection';
import { ValidationError } from '@/lib/errors';
import { authorizeAction, isId, isRefusal } from '@/lib/form-action';
import { logError } from '@/lib/log';
import { isLdapStore } from '@/lib/realm/options';
import { dataSchema } from '@/lib/realm/schemas/data';
import { lineSchema } from '@/lib/realm/schemas/fields';
import { reserveAttempt } from '@/lib/throttle';

import { REALM_NOT_FOUND, ldapDestinationChanged, secretContext, toStoredSecret } from './rows';

export const testConnectionSchema = z.object({ values: dataSchema, testUsername: lineSchema(256) });

export type { ConnectionReport };

/** The server action the Data page hands its form: the form's current values and an optional test username. */
export type TestConnectionAction = (realmId: string, input: { values: unknown; testUsername: string }) => Promise<ConnectionReport>;

// The console makes the server connect where an admin says: a few tests a minute per realm, on every instance.
const TEST_POLICY = { max: 10, windowMs: 60_000, lockMs: 60_000 };

/**
 * The Data tab's Test Connection, administrators only (it makes the server connect to hosts). It tests the
 * values in the form, so settings can be tried before they are saved. The password is the one typed, or the
 * stored one only while it would go where it was stored for (the save's changed-server guard): a stored
 * password never goes to a server an admin has just typed in.
 */
export async function testConnection(realmId: unknown, input: unknown): Promise<ConnectionReport> {
  const admin = await authorizeAction();
  if (isRefusal(admin)) return { ok: false, message: admin.formError ?? 'Not allowed.' };
  const parsed = testConnectionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'Check the Data tab fields.' };
  const { values, testUsername } = parsed.data;
  if (!isLdapStore(values.dataStore)) return { ok: false, message: 'Test Connection is for LDAP data stores.' };
  const stored = isId(realmId) ? await db.realmData.findUnique({ where: { realmId } }) : null;
  if (!isId(realmId) || !stored) return { ok: false, message: REALM_NOT_FOUND };
  let bindPassword = '';
  if (!values.anonymousLookup) {
    try {
      const kept = { ciphertext: stored.ldapPasswordEnc, destinationChanged: ldapDestinationChanged(stored, values) };
      const ciphertext = toStoredSecret(realmId, 'ldapPassword', values.ldapPassword, kept);
      bindPassword = ciphertext === null ? '' : decryptSecret(ciphertext, secretContext(realmId, 'ldapPassword'));
    } catch (error) {
      if (error instanceof ValidationError) return { ok: false, message: error.message };
      throw error;
    }
  }
  const throttle = await reserveAttempt(`ldap-test:${realmId}`, TEST_POLICY, new Date());
  if (!throttle.ok) return { ok: false, message: 'Too many connection tests for this realm: wait a minute before the next one.' };
  const config = toLdapConfig(values, { realmId: `test:${realmId}`, version: 0, bindPassword });
  if (!config) return { ok: false, message: 'Enter a valid Connection String first.' };
  return testLdapConnection(config, testUsername, (error) => logError('LDAP test connection', error, [bindPassword]));
}
