import 'server-only';

import { randomUUID } from 'node:crypto';

import { z } from 'zod';

import { decryptSecret } from '@/lib/crypto/secrets';
import { db } from '@/lib/db';
import { AppError, ValidationError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { withoutSecrets } from '@/lib/history/realm-changes';
import { recordChange } from '@/lib/history/repository';
import type { Actor, FieldChange } from '@/lib/history/types';
import { TAB_FIELD_LABELS } from '@/lib/realm/field-labels';
import type { TabValues } from '@/lib/realm/schemas';
import { defaultDataValues, fromDataValues } from '@/lib/realm/schemas/data';
import type { SecretValue } from '@/lib/realm/schemas/fields';
import { defaultMultiFactorMethodsValues, fromMultiFactorMethodsValues } from '@/lib/realm/schemas/multi-factor-methods';
import { defaultOverviewValues, fromOverviewValues } from '@/lib/realm/schemas/overview';
import { defaultCookieName, defaultPostAuthenticationValues, fromPostAuthenticationValues } from '@/lib/realm/schemas/post-authentication';
import { toNameKey, toSlug } from '@/lib/realm/schemas/realm';
import { defaultWorkflowValues, fromWorkflowValues } from '@/lib/realm/schemas/workflow';
import { REALM_TABS, type RealmTab } from '@/lib/realm/tabs';

import { recordTabChange } from './realm-history';
import { REALM_WITH_TABS, type Tx, assertNameFree, readAllTabs, readRealm, realmNotFound, secretContext, toStoredSecret } from './rows';

/** The realms list: list, create, rename, duplicate, delete, and restore a deleted realm. Each change is recorded. */

export type RealmSummary = { id: string; slug: string; name: string; redirect: string; version: number };

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

/**
 * Inserts a realm with all five tabs from form values (secrets given as replacements are encrypted), at
 * configuration version 1 unless given (a restored realm continues after its deleted self).
 */
export async function insertRealm(tx: Tx, id: string, slug: string, values: TabValues, version = 1): Promise<RealmSummary> {
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
      version,
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

export function defaultTabValues(name: string, slug: string): TabValues {
  return {
    overview: defaultOverviewValues({ name }),
    data: defaultDataValues(),
    workflow: defaultWorkflowValues(),
    'multi-factor-methods': defaultMultiFactorMethodsValues(),
    'post-authentication': defaultPostAuthenticationValues({ slug }),
  };
}

/** The record of a realm created, copied or brought back: its name, and where it came from. */
export function recordRealmCreated(
  tx: Tx,
  actor: Actor,
  realm: RealmSummary,
  {
    action,
    origin,
    sourceRecordId,
  }: { action: 'create' | 'duplicate' | 'restore' | 'import'; origin?: FieldChange; sourceRecordId?: number },
) {
  const nameChange: FieldChange = { field: 'name', label: TAB_FIELD_LABELS.overview.name, before: null, after: realm.name };
  return recordChange(tx, actor, {
    objectType: 'realm',
    objectId: realm.id,
    objectName: realm.name,
    realmId: realm.id,
    action,
    changes: origin ? [nameChange, origin] : [nameChange],
    sourceRecordId,
  });
}

/**
 * Creates a realm with every tab at the spec's defaults, or as `customize` changes them (a template), in one
 * transaction. The slug is derived from the name and unique. `origin`: where it came from, for the history.
 */
export async function createRealm(
  actor: Actor,
  name: string,
  customize: (defaults: TabValues, slug: string) => TabValues = (defaults) => defaults,
  { origin }: { origin?: FieldChange } = {},
): Promise<RealmSummary> {
  return withNameGuard(name, () =>
    db.$transaction(async (tx) => {
      await assertNameFree(tx, name);
      const slug = await freeSlug(tx, name);
      const realm = await insertRealm(tx, randomUUID(), slug, customize(defaultTabValues(name, slug), slug));
      await recordRealmCreated(tx, actor, realm, { action: 'create', origin });
      return realm;
    }),
  );
}

/** Renames a realm: the name is an Overview field, so Overview's version moves on (and the realm's). */
export async function renameRealm(actor: Actor, realmId: string, name: string): Promise<RealmSummary> {
  return withNameGuard(name, () =>
    db.$transaction(async (tx) => {
      const before = await readRealm(tx, realmId);
      await assertNameFree(tx, name, realmId);
      await tx.realm.update({ where: { id: realmId }, data: { name, nameKey: toNameKey(name), version: { increment: 1 } } });
      await tx.realmOverview.update({ where: { realmId }, data: { version: { increment: 1 } } });
      const after = await readRealm(tx, realmId);
      await recordTabChange(tx, actor, { tab: 'overview', before, after, action: 'rename' });
      return toSummary(await tx.realm.findUniqueOrThrow({ where: { id: realmId }, select: SUMMARY_SELECT }));
    }),
  );
}

/** Copies every tab of a realm under a new name and slug; secrets are re-encrypted for the copy. */
export async function duplicateRealm(actor: Actor, realmId: string, name: string): Promise<RealmSummary> {
  return withNameGuard(name, () =>
    db.$transaction(async (tx) => {
      const realm = await readRealm(tx, realmId);
      await assertNameFree(tx, name);
      const slug = await freeSlug(tx, name);
      const plaintext = (stored: string | null | undefined, field: string): SecretValue => ({
        isSet: false,
        replacement: stored ? decryptSecret(stored, secretContext(realmId, field)) : null,
      });
      const source = readAllTabs(realm);
      const copy = await insertRealm(tx, randomUUID(), slug, {
        ...source,
        overview: { ...source.overview, name, smtpPassword: plaintext(realm.overview?.smtpPasswordEnc, 'smtpPassword') },
        data: { ...source.data, ldapPassword: plaintext(realm.data?.ldapPasswordEnc, 'ldapPassword') },
        // Two realms sharing one SSO cookie would share sessions: the copy gets its own default name.
        'post-authentication': { ...source['post-authentication'], cookieName: defaultCookieName(slug) },
      });
      const origin: FieldChange = { field: 'copiedFrom', label: 'Copied from', before: null, after: realm.name };
      await recordRealmCreated(tx, actor, copy, { action: 'duplicate', origin });
      return copy;
    }),
  );
}

/** What a realm delete record keeps, so the realm can come back: every tab, secrets stripped. */
const tabSnapshotSchema = z.record(z.string(), z.unknown());
const deletedRealmSchema = z.object({
  slug: z.string(),
  name: z.string(),
  version: z.number().int(),
  tabs: z.object({
    overview: tabSnapshotSchema,
    data: tabSnapshotSchema,
    workflow: tabSnapshotSchema,
    'multi-factor-methods': tabSnapshotSchema,
    'post-authentication': tabSnapshotSchema,
  } satisfies Record<RealmTab, unknown>),
});
export type DeletedRealmSnapshot = z.infer<typeof deletedRealmSchema>;

/** Deletes a realm and all its tabs; `confirmName` must be the realm's name (as the admin typed it). */
export async function deleteRealm(actor: Actor, realmId: string, confirmName: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const realm = await tx.realm.findUnique({ where: { id: realmId }, include: REALM_WITH_TABS });
    if (!realm) throw realmNotFound(realmId);
    if (confirmName.trim() !== realm.name) {
      throw new ValidationError({ confirmName: `Type the realm's name exactly (${realm.name}) to delete it` });
    }
    const tabs = readAllTabs(realm);
    const snapshot: DeletedRealmSnapshot = {
      slug: realm.slug,
      name: realm.name,
      version: realm.version,
      tabs: Object.fromEntries(REALM_TABS.map(({ slug }) => [slug, withoutSecrets(slug, tabs[slug])])) as DeletedRealmSnapshot['tabs'],
    };
    await tx.realm.delete({ where: { id: realmId } });
    await recordChange(tx, actor, {
      objectType: 'realm',
      objectId: realm.id,
      objectName: realm.name,
      realmId: realm.id,
      action: 'delete',
      changes: [{ field: 'name', label: TAB_FIELD_LABELS.overview.name, before: realm.name, after: null }],
      snapshot,
    });
  });
}

/** A free realm name: the name itself, or "<name> (restored)", "(restored 2)", … within the 100 characters a name may have. */
async function freeName(tx: Tx, name: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? '' : n === 2 ? ' (restored)' : ` (restored ${n - 1})`;
    const candidate = `${name.slice(0, 100 - suffix.length)}${suffix}`;
    if (!(await tx.realm.count({ where: { nameKey: toNameKey(candidate) } }))) return candidate;
  }
}

export const SECRETS_NOT_RESTORED = 'Secrets are never restored: set the SMTP and LDAP passwords again where the realm used them.';

/**
 * Brings a deleted realm back from its delete record, with the same id and every tab: under its old name and
 * address when they are free, else new ones (and says so). Secrets were never recorded, so none come back; a
 * signing certificate deleted since falls back to the default. The values are restored as they were, without
 * the tabs' save rules: a realm the rules would refuse (the demo realm's <ACCOUNT_CODE>) comes back as it was.
 */
export async function restoreDeletedRealm(
  actor: Actor,
  source: { recordId: number; realmId: string; snapshot: unknown },
): Promise<{ realm: RealmSummary; notes: string[] }> {
  const snapshot = deletedRealmSchema.parse(source.snapshot);
  return withNameGuard(snapshot.name, () =>
    db.$transaction(async (tx) => {
      if (await tx.realm.count({ where: { id: source.realmId } })) throw new AppError('This realm exists: it has been restored already.');
      const notes: string[] = [];
      const name = await freeName(tx, snapshot.name);
      if (name !== snapshot.name) notes.push(`A realm named "${snapshot.name}" exists now: the realm was restored as "${name}".`);
      const slugTaken = (await tx.realm.count({ where: { slug: snapshot.slug } })) > 0;
      const slug = slugTaken ? await freeSlug(tx, name) : snapshot.slug;
      if (slugTaken) notes.push(`The address /sso/${snapshot.slug} is taken now: the realm is at /sso/${slug}.`);
      const defaults = defaultTabValues(name, slug);
      const tabs = Object.fromEntries(REALM_TABS.map(({ slug: tab }) => [tab, { ...defaults[tab], ...snapshot.tabs[tab] }])) as TabValues;
      const postAuth = tabs['post-authentication'];
      const certificateId = postAuth.signingCertificateId;
      if (certificateId && !(await tx.certificate.count({ where: { id: certificateId } }))) {
        postAuth.signingCertificateId = '';
        notes.push('Its signing certificate has been deleted since: the realm signs with the default certificate.');
      }
      if (postAuth.nextCertificateId && !(await tx.certificate.count({ where: { id: postAuth.nextCertificateId } }))) {
        Object.assign(postAuth, { nextCertificateId: '', switchAt: '' });
        notes.push('Its next certificate has been deleted since: no certificate switch is planned.');
      }
      // Two realms sharing one SSO cookie would share sessions: a realm at a new address gets its own default name.
      if (slugTaken && postAuth.cookieName === defaultCookieName(snapshot.slug)) postAuth.cookieName = defaultCookieName(slug);
      notes.push(SECRETS_NOT_RESTORED);
      // Caches keyed by realm id and configuration version must not take the restored realm for the deleted one.
      const realm = await insertRealm(tx, source.realmId, slug, { ...tabs, overview: { ...tabs.overview, name } }, snapshot.version + 1);
      await recordRealmCreated(tx, actor, realm, { action: 'restore', sourceRecordId: source.recordId });
      return { realm, notes };
    }),
  );
}
