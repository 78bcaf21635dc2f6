import 'server-only';

import { decryptSecret } from '@/lib/crypto/secrets';
import { db } from '@/lib/db';
import type { DirectoryConfig } from '@/lib/directory';
import { toLdapConfig } from '@/lib/directory/ldap/config';
import type { Prisma } from '@/lib/generated/prisma/client';
import { DATA_STORE_OPTIONS, isLdapStore, optionLabel } from '@/lib/realm/options';
import { toDataValues } from '@/lib/realm/schemas/data';

import { secretContext } from './rows';

/**
 * A realm's user store settings as sign-in needs them: the Data tab with the service account's password
 * decrypted, here on the server. The SSO realm loader selects DIRECTORY_SELECT in its own query.
 */
export const DIRECTORY_SELECT = { id: true, version: true, data: true, profileFields: true } as const satisfies Prisma.RealmSelect;

type DirectoryRow = Prisma.RealmGetPayload<{ select: typeof DIRECTORY_SELECT }>;

export function toDirectoryConfig(realm: DirectoryRow): DirectoryConfig {
  const { data } = realm;
  if (!data) return { kind: 'none', reason: 'the realm has no Data tab' };
  if (data.dataStore === 'local') return { kind: 'local' };
  if (!isLdapStore(data.dataStore)) {
    return { kind: 'none', reason: `data store "${optionLabel(DATA_STORE_OPTIONS, data.dataStore)}" cannot sign users in` };
  }
  let bindPassword = '';
  if (!data.anonymousLookup && data.ldapPasswordEnc) {
    try {
      bindPassword = decryptSecret(data.ldapPasswordEnc, secretContext(realm.id, 'ldapPassword'));
    } catch {
      return { kind: 'none', reason: 'the LDAP service password cannot be decrypted (was the master key replaced?)' };
    }
  }
  const ldap = toLdapConfig(toDataValues(data, realm.profileFields), { realmId: realm.id, version: realm.version, bindPassword });
  return ldap ? { kind: 'ldap', ldap } : { kind: 'none', reason: 'the Connection String is not ldap:// or ldaps://host/<base DN>' };
}

export async function loadDirectoryConfig(realmId: string): Promise<DirectoryConfig | null> {
  const realm = await db.realm.findUnique({ where: { id: realmId }, select: DIRECTORY_SELECT });
  return realm ? toDirectoryConfig(realm) : null;
}
