/* eslint-disable max-lines -- the one place realm code touches Prisma: five tabs plus the realm list */
import 'server-only';

import { randomUUID } from 'node:crypto';

import { decryptSecret, encryptSecret } from '@/lib/crypto/secrets';
import { db } from '@/lib/db';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import type { SmtpSettings } from '@/lib/mail/smtp';
import { Prisma } from '@/lib/generated/prisma/client';
import { WORKFLOW_OPTIONS, isLdapStore, isSamlRedirect, isSecondFactorWorkflow, optionLabel } from '@/lib/realm/options';
import { type DataValues, defaultDataValues, fromDataValues, toDataValues } from '@/lib/realm/schemas/data';
import type { SecretValue } from '@/lib/realm/schemas/fields';
import {
  type MultiFactorMethodsValues,
  defaultMultiFactorMethodsValues,
  fromMultiFactorMethodsValues,
  hasEnabledMethod,
  toMultiFactorMethodsValues,
} from '@/lib/realm/schemas/multi-factor-methods';
import { type OverviewValues, defaultOverviewValues, fromOverviewValues, toOverviewValues } from '@/lib/realm/schemas/overview';
import {
  type PostAuthenticationValues,
  defaultCookieName,
  defaultPostAuthenticationValues,
  fromPostAuthenticationValues,
  toPostAuthenticationValues,
} from '@/lib/realm/schemas/post-authentication';
import { toNameKey, toSlug } from '@/lib/realm/schemas/realm';
import { type WorkflowValues, defaultWorkflowValues, fromWorkflowValues, toWorkflowValues } from '@/lib/realm/schemas/workflow';
import { REALM_TABS, type RealmTab } from '@/lib/realm/tabs';

export type TabValues = {
  overview: OverviewValues;
  data: DataValues;
  workflow: WorkflowValues;
  'multi-factor-methods': MultiFactorMethodsValues;
  'post-authentication': PostAuthenticationValues;
};

export type LoadedTab<T extends RealmTab> = { values: TabValues[T]; version: number; realm: RealmIdentity };

export type RealmIdentity = { id: string; slug: string; name: string };

export type RealmSummary = { id: string; slug: string; name: string; redirect: string; version: number };

type Tx = Prisma.TransactionClient;

const CONFLICT_MESSAGE =
  'Another admin saved this realm after you opened it. Your edits are still here; reload the page to see their changes, then apply yours again.';

const secretContext = (realmId: string, field: string) => `realm:${realmId}:${field}`;

/**
 * The ciphertext to store for a secret field: a replacement, nothing (cleared), or what is stored (kept).
 * What is stored decides "kept", never the browser's `isSet`. A stored password is only kept while it goes
 * to the same server: otherwise anyone who can edit the realm could point it at their own host and collect it.
 */
function toStoredSecret(
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

const changed = <T extends object>(before: T, after: T, keys: (keyof T)[]) => keys.some((key) => before[key] !== after[key]);

// Every tab of a realm in one query: the reads are small, and one shape keeps the readers free of casts.
const REALM_WITH_TABS = {
  overview: true,
  data: true,
  profileFields: true,
  workflow: true,
  mfa: true,
  contactMethods: true,
  postAuth: true,
  samlAttributes: true,
} as const satisfies Prisma.RealmInclude;
type RealmWithTabs = Prisma.RealmGetPayload<{ include: typeof REALM_WITH_TABS }>;

function tabRow<T>(row: T | null): T {
  if (!row) throw new Error('Realm is missing a tab row'); // every realm is created with all five
  return row;
}

const TAB_READERS: { [T in RealmTab]: (realm: RealmWithTabs) => TabValues[T] } = {
  overview: (realm) => toOverviewValues(realm.name, tabRow(realm.overview)),
  data: (realm) => toDataValues(tabRow(realm.data), realm.profileFields),
  workflow: (realm) => toWorkflowValues(tabRow(realm.workflow)),
  'multi-factor-methods': (realm) => toMultiFactorMethodsValues(tabRow(realm.mfa), realm.contactMethods),
  'post-authentication': (realm) => toPostAuthenticationValues(tabRow(realm.postAuth), realm.samlAttributes),
};

export const REALM_NOT_FOUND = 'This realm does not exist.';

async function readTab<T extends RealmTab>(client: Tx, realmId: string, tab: T): Promise<LoadedTab<T>> {
  const realm = await client.realm.findUnique({ where: { id: realmId }, include: REALM_WITH_TABS });
  if (!realm) throw new NotFoundError(REALM_NOT_FOUND, `realm ${realmId}`);
  return { values: TAB_READERS[tab](realm), version: realm.version, realm: { id: realm.id, slug: realm.slug, name: realm.name } };
}

export async function loadTab<T extends RealmTab>(realmId: string, tab: T): Promise<LoadedTab<T>> {
  return readTab(db, realmId, tab);
}

/** Every realm with the form values of all its tabs, for checks over the stored data (lib/stored-text.ts). */
export async function loadAllRealmTabs(): Promise<{ realm: RealmIdentity; tabs: TabValues }[]> {
  const realms = await db.realm.findMany({ include: REALM_WITH_TABS, orderBy: { nameKey: 'asc' } });
  return realms.map((realm) => ({
    realm: { id: realm.id, slug: realm.slug, name: realm.name },
    tabs: Object.fromEntries(REALM_TABS.map(({ slug }) => [slug, TAB_READERS[slug](realm)])) as TabValues,
  }));
}

/** Saves one tab if the realm is still at `version`; otherwise throws ConflictError and changes nothing. */
export async function saveTab<T extends RealmTab>(realmId: string, tab: T, values: TabValues[T], version: number): Promise<LoadedTab<T>> {
  return db.$transaction(async (tx) => {
    const bumped = await tx.realm.updateMany({ where: { id: realmId, version }, data: { version: { increment: 1 } } });
    if (bumped.count === 0) {
      const exists = await tx.realm.count({ where: { id: realmId } });
      if (!exists) throw new NotFoundError(REALM_NOT_FOUND, `realm ${realmId}`);
      throw new ConflictError(CONFLICT_MESSAGE, `realm ${realmId} is past version ${version}`);
    }
    await TAB_WRITERS[tab](tx, realmId, values as never);
    return readTab(tx, realmId, tab);
  });
}

const TAB_WRITERS: { [T in RealmTab]: (tx: Tx, realmId: string, values: TabValues[T]) => Promise<void> } = {
  async overview(tx, realmId, values) {
    const { name, row, smtpPassword } = fromOverviewValues(values);
    await assertNameFree(tx, name, realmId);
    const before = await tx.realmOverview.findUniqueOrThrow({ where: { realmId } });
    const smtpPasswordEnc = toStoredSecret(realmId, 'smtpPassword', smtpPassword, {
      ciphertext: before.smtpPasswordEnc,
      destinationChanged: changed(before, { ...before, ...row }, ['smtpHost', 'smtpPort', 'smtpUsername', 'smtpSecurity']),
    });
    await tx.realm.update({ where: { id: realmId }, data: { name, nameKey: toNameKey(name) } });
    await tx.realmOverview.update({ where: { realmId }, data: { ...row, smtpPasswordEnc } });
  },
  async data(tx, realmId, values) {
    const { row, ldapPassword, profileFields } = fromDataValues(values);
    const before = await tx.realmData.findUniqueOrThrow({ where: { realmId } });
    const ldapPasswordEnc = toStoredSecret(realmId, 'ldapPassword', ldapPassword, {
      ciphertext: before.ldapPasswordEnc,
      destinationChanged: changed(before, { ...before, ...row }, ['connectionString', 'connectionMode', 'ldapUsername']),
    });
    if (isLdapStore(row.dataStore) && !row.anonymousLookup && ldapPasswordEnc === null) {
      throw new ValidationError({ ldapPassword: "Set the service account's password" });
    }
    await tx.realmData.update({ where: { realmId }, data: { ...row, ldapPasswordEnc } });
    await tx.realmProfileField.deleteMany({ where: { realmId } });
    await tx.realmProfileField.createMany({ data: profileFields.map((field) => ({ ...field, realmId })) });
  },
  async workflow(tx, realmId, values) {
    if (isSecondFactorWorkflow(values.defaultWorkflow)) {
      const mfa = await readTab(tx, realmId, 'multi-factor-methods');
      if (!hasEnabledMethod(mfa.values)) {
        throw new ValidationError({
          defaultWorkflow: `${optionLabel(WORKFLOW_OPTIONS, values.defaultWorkflow)} asks for a second factor, but no method is enabled on the Multi-Factor Methods tab. Enable one there first.`,
        });
      }
    }
    await tx.realmWorkflow.update({ where: { realmId }, data: fromWorkflowValues(values) });
  },
  async 'multi-factor-methods'(tx, realmId, values) {
    const workflow = await readTab(tx, realmId, 'workflow');
    if (isSecondFactorWorkflow(workflow.values.defaultWorkflow) && !hasEnabledMethod(values)) {
      throw new ValidationError({
        'root.methods': `The realm's workflow (${optionLabel(WORKFLOW_OPTIONS, workflow.values.defaultWorkflow)}) asks for a second factor: enable at least one method.`,
      });
    }
    const { row, contacts } = fromMultiFactorMethodsValues(values);
    await tx.realmMfa.update({ where: { realmId }, data: row });
    await tx.realmContactMethod.deleteMany({ where: { realmId } });
    await tx.realmContactMethod.createMany({ data: contacts.map((contact) => ({ ...contact, realmId })) });
  },
  async 'post-authentication'(tx, realmId, values) {
    const { row, samlAttributes } = fromPostAuthenticationValues(values);
    const certificate = row.signingCertificateId
      ? await tx.certificate.count({ where: { id: row.signingCertificateId } })
      : isSamlRedirect(row.redirect) && (await tx.certificate.count({ where: { isDefault: true } }));
    if (row.signingCertificateId && !certificate) {
      throw new ValidationError({ signingCertificateId: 'This certificate no longer exists: select another one' });
    }
    if (isSamlRedirect(row.redirect) && !certificate) {
      throw new ValidationError({
        signingCertificateId: 'SAML needs a signing certificate: generate or import one on the Certificates page',
      });
    }
    await tx.realmPostAuth.update({ where: { realmId }, data: row });
    await tx.realmSamlAttribute.deleteMany({ where: { realmId } });
    await tx.realmSamlAttribute.createMany({ data: samlAttributes.map((attribute) => ({ ...attribute, realmId })) });
  },
};

/** The realm's saved Email Settings with the password decrypted, for sending mail on the server only. */
export async function loadSmtpSettings(realmId: string): Promise<(SmtpSettings & { realmName: string }) | null> {
  const realm = await db.realm.findUnique({ where: { id: realmId }, select: { name: true, overview: true } });
  if (!realm?.overview) return null;
  const { smtpHost, smtpPort, smtpSecurity, smtpAllowPlainAuth, smtpUsername, smtpPasswordEnc, senderAddress, senderName } = realm.overview;
  return {
    realmName: realm.name,
    host: smtpHost,
    port: smtpPort,
    security: smtpSecurity as SmtpSettings['security'],
    username: smtpUsername,
    password: smtpPasswordEnc === null ? null : decryptSecret(smtpPasswordEnc, secretContext(realmId, 'smtpPassword')),
    allowPlainAuth: smtpAllowPlainAuth,
    senderAddress,
    senderName,
  };
}

// ---- The realm list --------------------------------------------------------------------------------

const SUMMARY_SELECT = { id: true, slug: true, name: true, version: true, postAuth: { select: { redirect: true } } } as const;

function toSummary(realm: Prisma.RealmGetPayload<{ select: typeof SUMMARY_SELECT }>): RealmSummary {
  const { postAuth, ...rest } = realm;
  return { ...rest, redirect: postAuth?.redirect ?? 'none' };
}

export async function listRealms(): Promise<RealmSummary[]> {
  const realms = await db.realm.findMany({ select: SUMMARY_SELECT, orderBy: { nameKey: 'asc' } });
  return realms.map(toSummary);
}

export async function loadRealmSummary(realmId: string): Promise<RealmSummary | null> {
  const realm = await db.realm.findUnique({ where: { id: realmId }, select: SUMMARY_SELECT });
  return realm ? toSummary(realm) : null;
}

async function assertNameFree(tx: Tx, name: string, exceptRealmId?: string): Promise<void> {
  const taken = await tx.realm.findUnique({ where: { nameKey: toNameKey(name) }, select: { id: true } });
  if (taken && taken.id !== exceptRealmId) {
    throw new ValidationError({ name: `A realm named "${name}" already exists. Choose another name.` });
  }
}

async function freeSlug(tx: Tx, name: string): Promise<string> {
  const base = toSlug(name);
  const taken = new Set(
    (await tx.realm.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((realm) => realm.slug),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
  return slug;
}

/** A unique-constraint race (two admins creating the same name at once) reads as the same field error. */
async function withNameGuard<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new ValidationError({ name: `A realm named "${name}" already exists. Choose another name.` });
    }
    throw error;
  }
}

/** Inserts a realm with all five tabs from form values (secrets given as replacements are encrypted). */
async function insertRealm(tx: Tx, slug: string, values: TabValues): Promise<RealmSummary> {
  const id = randomUUID();
  const overview = fromOverviewValues(values.overview);
  const data = fromDataValues(values.data);
  const mfa = fromMultiFactorMethodsValues(values['multi-factor-methods']);
  const postAuth = fromPostAuthenticationValues(values['post-authentication']);
  const realm = await tx.realm.create({
    data: {
      id,
      name: overview.name,
      nameKey: toNameKey(overview.name),
      slug,
      overview: { create: { ...overview.row, smtpPasswordEnc: toStoredSecret(id, 'smtpPassword', overview.smtpPassword) } },
      data: { create: { ...data.row, ldapPasswordEnc: toStoredSecret(id, 'ldapPassword', data.ldapPassword) } },
      profileFields: { create: data.profileFields },
      workflow: { create: fromWorkflowValues(values.workflow) },
      mfa: { create: mfa.row },
      contactMethods: { create: mfa.contacts },
      postAuth: { create: postAuth.row },
      samlAttributes: { create: postAuth.samlAttributes },
    },
    select: SUMMARY_SELECT,
  });
  return toSummary(realm);
}

/**
 * Creates a realm with every tab at the spec's defaults, or as `customize` changes them, in one transaction.
 * The slug is derived from the name and unique.
 */
export async function createRealm(
  name: string,
  customize: (defaults: TabValues, slug: string) => TabValues = (defaults) => defaults,
): Promise<RealmSummary> {
  return withNameGuard(name, () =>
    db.$transaction(async (tx) => {
      await assertNameFree(tx, name);
      const slug = await freeSlug(tx, name);
      const defaults: TabValues = {
        overview: defaultOverviewValues({ name }),
        data: defaultDataValues(),
        workflow: defaultWorkflowValues(),
        'multi-factor-methods': defaultMultiFactorMethodsValues(),
        'post-authentication': defaultPostAuthenticationValues({ slug }),
      };
      return insertRealm(tx, slug, customize(defaults, slug));
    }),
  );
}

export async function renameRealm(realmId: string, name: string): Promise<RealmSummary> {
  return withNameGuard(name, () =>
    db.$transaction(async (tx) => {
      await assertNameFree(tx, name, realmId);
      const renamed = await tx.realm.updateMany({
        where: { id: realmId },
        data: { name, nameKey: toNameKey(name), version: { increment: 1 } },
      });
      if (renamed.count === 0) throw new NotFoundError(REALM_NOT_FOUND, `realm ${realmId}`);
      return toSummary(await tx.realm.findUniqueOrThrow({ where: { id: realmId }, select: SUMMARY_SELECT }));
    }),
  );
}

/** Copies every tab of a realm under a new name and slug; secrets are re-encrypted for the copy. */
export async function duplicateRealm(realmId: string, name: string): Promise<RealmSummary> {
  return withNameGuard(name, () =>
    db.$transaction(async (tx) => {
      const realm = await tx.realm.findUnique({ where: { id: realmId }, include: REALM_WITH_TABS });
      if (!realm) throw new NotFoundError(REALM_NOT_FOUND, `realm ${realmId}`);
      await assertNameFree(tx, name);
      const slug = await freeSlug(tx, name);
      const plaintext = (stored: string | null | undefined, field: string): SecretValue => ({
        isSet: false,
        replacement: stored ? decryptSecret(stored, secretContext(realmId, field)) : null,
      });
      const source = Object.fromEntries(REALM_TABS.map(({ slug: tab }) => [tab, TAB_READERS[tab](realm)])) as TabValues;
      return insertRealm(tx, slug, {
        ...source,
        overview: { ...source.overview, name, smtpPassword: plaintext(realm.overview?.smtpPasswordEnc, 'smtpPassword') },
        data: { ...source.data, ldapPassword: plaintext(realm.data?.ldapPasswordEnc, 'ldapPassword') },
        // Two realms sharing one SSO cookie would share sessions: the copy gets its own default name.
        'post-authentication': { ...source['post-authentication'], cookieName: defaultCookieName(slug) },
      });
    }),
  );
}

/** Deletes a realm and all its tabs; `confirmName` must be the realm's name (as the admin typed it). */
export async function deleteRealm(realmId: string, confirmName: string): Promise<void> {
  const realm = await db.realm.findUnique({ where: { id: realmId }, select: { name: true } });
  if (!realm) throw new NotFoundError(REALM_NOT_FOUND, `realm ${realmId}`);
  if (confirmName.trim() !== realm.name) {
    throw new ValidationError({ confirmName: `Type the realm's name exactly (${realm.name}) to delete it` });
  }
  await db.realm.delete({ where: { id: realmId } });
}
