import 'server-only';

import { decryptSecret } from '@/lib/crypto/secrets';
import { db } from '@/lib/db';
import { ConflictError, ValidationError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Actor } from '@/lib/history/types';
import type { SmtpSettings } from '@/lib/mail/smtp';
import { WORKFLOW_OPTIONS, isLdapStore, isSamlRedirect, isSecondFactorWorkflow, optionLabel } from '@/lib/realm/options';
import type { TabValues } from '@/lib/realm/schemas';
import { fromDataValues } from '@/lib/realm/schemas/data';
import { fromMultiFactorMethodsValues, hasEnabledMethod } from '@/lib/realm/schemas/multi-factor-methods';
import { fromOverviewValues } from '@/lib/realm/schemas/overview';
import { fromPostAuthenticationValues } from '@/lib/realm/schemas/post-authentication';
import { toNameKey } from '@/lib/realm/schemas/realm';
import { fromWorkflowValues } from '@/lib/realm/schemas/workflow';
import type { RealmTab } from '@/lib/realm/tabs';

import { checkCaCertificate, checkPemCertificates } from './ca-certificate';
import { recordTabChange } from './realm-history';
import {
  REALM_NOT_FOUND,
  REALM_WITH_TABS,
  type RealmWithTabs,
  TAB_INCLUDES,
  TAB_READERS,
  TAB_VERSIONS,
  type Tx,
  assertNameFree,
  ldapDestinationChanged,
  readAllTabs,
  readRealm,
  realmNotFound,
  secretContext,
  toStoredSecret,
} from './rows';

/** A realm's tabs: load and save one tab with its own version (STYLE §2, §3). The realm list is realm-list-repository.ts. */

export type { TabValues };
export { REALM_NOT_FOUND };

export type LoadedTab<T extends RealmTab> = { values: TabValues[T]; version: number; realm: RealmIdentity };

export type RealmIdentity = { id: string; slug: string; name: string };

const CONFLICT_MESSAGE =
  'Another admin saved this tab after you opened it. Your edits are still here; reload the page to see their changes, then apply yours again.';

const changed = <T extends object>(before: T, after: T, keys: (keyof T)[]) => keys.some((key) => before[key] !== after[key]);

function toLoadedTab<T extends RealmTab>(realm: RealmWithTabs, tab: T): LoadedTab<T> {
  return {
    values: TAB_READERS[tab](realm),
    version: TAB_VERSIONS[tab](realm),
    realm: { id: realm.id, slug: realm.slug, name: realm.name },
  };
}

export async function loadTab<T extends RealmTab>(realmId: string, tab: T): Promise<LoadedTab<T>> {
  const realm = await db.realm.findUnique({ where: { id: realmId }, include: TAB_INCLUDES[tab] });
  if (!realm) throw realmNotFound(realmId);
  // The tab's reader and version read only the rows TAB_INCLUDES names for it.
  return toLoadedTab(realm as RealmWithTabs, tab);
}

/** Every realm with the form values of all its tabs, for checks over the stored data (lib/stored-text.ts). */
export async function loadAllRealmTabs(): Promise<{ realm: RealmIdentity; tabs: TabValues }[]> {
  const realms = await db.realm.findMany({ include: REALM_WITH_TABS, orderBy: { nameKey: 'asc' } });
  return realms.map((realm) => ({ realm: { id: realm.id, slug: realm.slug, name: realm.name }, tabs: readAllTabs(realm) }));
}

const BUMP = { version: { increment: 1 } } as const;
type TabWhere = { realmId: string; version: number };

/** Moves a tab's version on if it is still at `version` (one conditional update: no read-then-write race). */
const TAB_VERSION_BUMPS: { [T in RealmTab]: (tx: Tx, where: TabWhere) => Promise<Prisma.BatchPayload> } = {
  overview: (tx, where) => tx.realmOverview.updateMany({ where, data: BUMP }),
  data: (tx, where) => tx.realmData.updateMany({ where, data: BUMP }),
  workflow: (tx, where) => tx.realmWorkflow.updateMany({ where, data: BUMP }),
  'multi-factor-methods': (tx, where) => tx.realmMfa.updateMany({ where, data: BUMP }),
  'post-authentication': (tx, where) => tx.realmPostAuth.updateMany({ where, data: BUMP }),
};

/**
 * Saves one tab if the tab is still at `version` (a save of another tab is no conflict); otherwise throws
 * ConflictError and changes nothing. The realm's configuration version moves on, and the change is recorded
 * in the same transaction: as a restore of record `restoredFrom` when given.
 */
export async function saveTab<T extends RealmTab>(
  actor: Actor,
  realmId: string,
  tab: T,
  values: TabValues[T],
  version: number,
  restoredFrom?: number,
): Promise<LoadedTab<T>> {
  return db.$transaction((tx) => saveTabIn(tx, actor, realmId, tab, values, version, restoredFrom === undefined ? {} : { restoredFrom }));
}

/** saveTab inside the caller's transaction (an import saves many tabs in one), recorded as `action` ('save'). */
export async function saveTabIn<T extends RealmTab>(
  tx: Tx,
  actor: Actor,
  realmId: string,
  tab: T,
  values: TabValues[T],
  version: number,
  {
    restoredFrom,
    action = restoredFrom === undefined ? 'save' : 'restore',
  }: { restoredFrom?: number; action?: 'save' | 'restore' | 'import' },
): Promise<LoadedTab<T>> {
  const bumped = await TAB_VERSION_BUMPS[tab](tx, { realmId, version });
  if (bumped.count === 0) {
    if (!(await tx.realm.count({ where: { id: realmId } }))) throw realmNotFound(realmId);
    throw new ConflictError(CONFLICT_MESSAGE, `realm ${realmId} tab ${tab} is past version ${version}`);
  }
  const before = await readRealm(tx, realmId);
  await TAB_WRITERS[tab](tx, realmId, values as never);
  await tx.realm.update({ where: { id: realmId }, data: BUMP });
  const after = await readRealm(tx, realmId);
  await recordTabChange(tx, actor, { tab, before, after, action, sourceRecordId: restoredFrom });
  return toLoadedTab(after, tab);
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
      destinationChanged: ldapDestinationChanged(before, row),
    });
    if (isLdapStore(row.dataStore)) checkCaCertificate(row.caCertificate);
    if (isLdapStore(row.dataStore) && !row.anonymousLookup && ldapPasswordEnc === null) {
      throw new ValidationError({ ldapPassword: "Set the service account's password" });
    }
    await tx.realmData.update({ where: { realmId }, data: { ...row, ldapPasswordEnc } });
    await tx.realmProfileField.deleteMany({ where: { realmId } });
    await tx.realmProfileField.createMany({ data: profileFields.map((field) => ({ ...field, realmId })) });
  },
  async workflow(tx, realmId, values) {
    if (isSecondFactorWorkflow(values.defaultWorkflow)) {
      const mfa = TAB_READERS['multi-factor-methods'](await readRealm(tx, realmId));
      if (!hasEnabledMethod(mfa)) {
        throw new ValidationError({
          defaultWorkflow: `${optionLabel(WORKFLOW_OPTIONS, values.defaultWorkflow)} asks for a second factor, but no method is enabled on the Multi-Factor Methods tab. Enable one there first.`,
        });
      }
    }
    await tx.realmWorkflow.update({ where: { realmId }, data: fromWorkflowValues(values) });
  },
  async 'multi-factor-methods'(tx, realmId, values) {
    const workflow = TAB_READERS.workflow(await readRealm(tx, realmId));
    if (isSecondFactorWorkflow(workflow.defaultWorkflow) && !hasEnabledMethod(values)) {
      throw new ValidationError({
        'root.methods': `The realm's workflow (${optionLabel(WORKFLOW_OPTIONS, workflow.defaultWorkflow)}) asks for a second factor: enable at least one method.`,
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
    checkPemCertificates(row.spCertificate, 'spCertificate', "the service provider's signing");
    if (row.nextCertificateId) {
      const next = await tx.certificate.findUnique({ where: { id: row.nextCertificateId }, select: { isDefault: true } });
      if (!next) throw new ValidationError({ nextCertificateId: 'This certificate no longer exists: select another one' });
      if (next.isDefault && !row.signingCertificateId) {
        throw new ValidationError({ nextCertificateId: 'The realm signs with the default certificate, this one: choose another one' });
      }
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
