import 'server-only';

import { encryptSecret } from '@/lib/crypto/secrets';
import { NotFoundError, ValidationError } from '@/lib/errors';
import type { Prisma, RealmData } from '@/lib/generated/prisma/client';
import type { TabValues } from '@/lib/realm/schemas';
import { toDataValues } from '@/lib/realm/schemas/data';
import type { SecretValue } from '@/lib/realm/schemas/fields';
import { toMultiFactorMethodsValues } from '@/lib/realm/schemas/multi-factor-methods';
import { toOverviewValues } from '@/lib/realm/schemas/overview';
import { toPostAuthenticationValues } from '@/lib/realm/schemas/post-authentication';
import { toNameKey } from '@/lib/realm/schemas/realm';
import { toWorkflowValues } from '@/lib/realm/schemas/workflow';
import { REALM_TABS, type RealmTab } from '@/lib/realm/tabs';

/**
 * A realm's rows as our own types, shared by the realm repositories (repository.ts: the tabs,
 * realm-list-repository.ts: the list) and the realm's history records. Only these files touch Prisma.
 */

export type Tx = Prisma.TransactionClient;

export const REALM_NOT_FOUND = 'This realm does not exist.';

export const realmNotFound = (realmId: string) => new NotFoundError(REALM_NOT_FOUND, `realm ${realmId}`);

export const secretContext = (realmId: string, field: string) => `realm:${realmId}:${field}`;

/**
 * The ciphertext to store for a secret field: a replacement, nothing (cleared), or what is stored (kept).
 * What is stored decides "kept", never the browser's `isSet`. A stored password is only kept while it goes
 * to the same server: otherwise anyone who can edit the realm could point it at their own host and collect it.
 */
export function toStoredSecret(
  realmId: string,
  field: string,
  secret: SecretValue,
  stored: { ciphertext: string | null; destinationChanged: boolean } = { ciphertext: null, destinationChanged: false },
): string | null {
  if (secret.replacement) return encryptSecret(secret.replacement, secretContext(realmId, field));
  if (!secret.isSet || stored.ciphertext === null) return null;
  if (stored.destinationChanged) {
    throw new ValidationError({
      [field]: 'The server changed: enter the password again (a stored password is never sent to a new server)',
    });
  }
  return stored.ciphertext;
}

type LdapDestination = Pick<RealmData, 'connectionString' | 'connectionMode' | 'ldapUsername' | 'caCertificate' | 'verifyTls'>;

/**
 * Whether the LDAP password would go somewhere else than it was stored for (toStoredSecret's guard): another
 * server, mode or account, another trusted CA, or TLS no longer verified (either would let whoever answers in
 * the server's name collect it).
 */
export function ldapDestinationChanged(before: LdapDestination, after: LdapDestination): boolean {
  const keys = ['connectionString', 'connectionMode', 'ldapUsername', 'caCertificate'] as const;
  return keys.some((key) => before[key] !== after[key]) || (before.verifyTls && !after.verifyTls);
}

// Every tab of a realm, for what reads or changes the whole realm (saves and their history, copies, imports,
// deletions, checks over the stored data); one shape keeps the readers free of casts. A tab page reads its own rows
// only (TAB_INCLUDES).
export const REALM_WITH_TABS = {
  overview: true,
  data: true,
  profileFields: true,
  workflow: true,
  mfa: true,
  contactMethods: true,
  postAuth: true,
  samlAttributes: true,
} as const satisfies Prisma.RealmInclude;
export type RealmWithTabs = Prisma.RealmGetPayload<{ include: typeof REALM_WITH_TABS }>;

/**
 * The rows one tab reads. Prisma reads each included relation with a query of its own, so a tab page that read
 * every tab would run nine queries to show one (issue 11).
 */
export const TAB_INCLUDES = {
  overview: { overview: true },
  data: { data: true, profileFields: true },
  workflow: { workflow: true },
  'multi-factor-methods': { mfa: true, contactMethods: true },
  'post-authentication': { postAuth: true, samlAttributes: true },
} as const satisfies { [T in RealmTab]: Prisma.RealmInclude };

function tabRow<T>(row: T | null): T {
  if (!row) throw new Error('Realm is missing a tab row'); // every realm is created with all five
  return row;
}

export const TAB_READERS: { [T in RealmTab]: (realm: RealmWithTabs) => TabValues[T] } = {
  overview: (realm) => toOverviewValues(realm.name, tabRow(realm.overview)),
  data: (realm) => toDataValues(tabRow(realm.data), realm.profileFields),
  workflow: (realm) => toWorkflowValues(tabRow(realm.workflow)),
  'multi-factor-methods': (realm) => toMultiFactorMethodsValues(tabRow(realm.mfa), realm.contactMethods),
  'post-authentication': (realm) => toPostAuthenticationValues(tabRow(realm.postAuth), realm.samlAttributes),
};

/** Each tab's own version (optimistic concurrency per tab). */
export const TAB_VERSIONS: { [T in RealmTab]: (realm: RealmWithTabs) => number } = {
  overview: (realm) => tabRow(realm.overview).version,
  data: (realm) => tabRow(realm.data).version,
  workflow: (realm) => tabRow(realm.workflow).version,
  'multi-factor-methods': (realm) => tabRow(realm.mfa).version,
  'post-authentication': (realm) => tabRow(realm.postAuth).version,
};

export function readAllTabs(realm: RealmWithTabs): TabValues {
  return Object.fromEntries(REALM_TABS.map(({ slug }) => [slug, TAB_READERS[slug](realm)])) as TabValues;
}

/**
 * The stored ciphertext of each secret field, by the field's name in its tab's values: the history compares
 * them to tell that a secret changed. They are never shown, stored in a record or logged.
 */
export function storedSecrets(realm: RealmWithTabs): Record<string, string | null> {
  return { smtpPassword: realm.overview?.smtpPasswordEnc ?? null, ldapPassword: realm.data?.ldapPasswordEnc ?? null };
}

export async function readRealm(tx: Tx, realmId: string): Promise<RealmWithTabs> {
  const realm = await tx.realm.findUnique({ where: { id: realmId }, include: REALM_WITH_TABS });
  if (!realm) throw realmNotFound(realmId);
  return realm;
}

export async function assertNameFree(tx: Tx, name: string, exceptRealmId?: string): Promise<void> {
  const taken = await tx.realm.findUnique({ where: { nameKey: toNameKey(name) }, select: { id: true } });
  if (taken && taken.id !== exceptRealmId) {
    throw new ValidationError({ name: `A realm named "${name}" already exists. Choose another name.` });
  }
}
