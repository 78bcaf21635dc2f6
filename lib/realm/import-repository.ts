import 'server-only';

import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';

import { db } from '@/lib/db';
import { AppError, ValidationError } from '@/lib/errors';
import type { Actor } from '@/lib/history/types';
import { fieldLabel } from '@/lib/realm/field-labels';
import { type TabValues, secretFieldsOf } from '@/lib/realm/schemas';
import type { SecretValue } from '@/lib/realm/schemas/fields';
import { REALM_TABS, type RealmTab } from '@/lib/realm/tabs';

import type { ImportedRealm } from './export';
import { insertRealm, recordRealmCreated } from './realm-list-repository';
import { saveTabIn } from './repository';
import { TAB_READERS, TAB_VERSIONS, type Tx, assertNameFree, readRealm } from './rows';

/** What an import did, realm by realm, and what the admin must still do (secrets are never imported). */
export type ImportSummary = { created: string[]; updated: string[]; unchanged: string[]; notes: string[] };

/** Problems that stopped an import, each with its path in the file; nothing was changed. */
export class ImportError extends AppError {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** A tab's save rules refused a value (a name taken, a password to type again): the problem at its path. */
async function atTab<T>(at: string, tab: RealmTab, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ImportError(Object.entries(error.fieldErrors).map(([field, message]) => `${at}.${tab}.${field}: ${message}`));
  }
}

/** A signing certificate the export names but this installation lacks: the realm signs with the default. */
async function withKnownCertificate(tx: Tx, realm: ImportedRealm, notes: string[]): Promise<TabValues> {
  const postAuth = { ...realm.values['post-authentication'] };
  const isMissing = async (id: string) => id !== '' && (await tx.certificate.count({ where: { id } })) === 0;
  if (await isMissing(postAuth.signingCertificateId)) {
    notes.push(`${realm.values.overview.name}: its signing certificate is not here, so it signs with the default certificate.`);
    postAuth.signingCertificateId = '';
  }
  if (await isMissing(postAuth.nextCertificateId)) {
    notes.push(`${realm.values.overview.name}: its next certificate is not here, so no certificate switch is planned.`);
    Object.assign(postAuth, { nextCertificateId: '', switchAt: '' });
  }
  return { ...realm.values, 'post-authentication': postAuth };
}

/** An export's "omitted" secret means "keep what is stored here" (or nothing, when nothing is); null clears it. */
function keepingStoredSecrets<T extends RealmTab>(tab: T, before: TabValues[T], after: TabValues[T]): TabValues[T] {
  const kept: Record<string, unknown> = { ...after };
  for (const field of secretFieldsOf(tab)) {
    if ((kept[field] as SecretValue).isSet) kept[field] = (before as Record<string, unknown>)[field];
  }
  return kept as TabValues[T];
}

async function importOne(tx: Tx, actor: Actor, realm: ImportedRealm, at: string, summary: ImportSummary): Promise<void> {
  const values = await withKnownCertificate(tx, realm, summary.notes);
  const { name } = values.overview;
  const existing = await tx.realm.findUnique({ where: { slug: realm.slug }, select: { id: true } });
  if (!existing) {
    await atTab(at, 'overview', () => assertNameFree(tx, name));
    const created = await insertRealm(tx, randomUUID(), realm.slug, values);
    await recordRealmCreated(tx, actor, created, { action: 'import' });
    summary.created.push(name);
    if (realm.omittedSecrets.length > 0) {
      const fields = realm.omittedSecrets.map((field) => fieldLabel(field === 'smtpPassword' ? 'overview' : 'data', field)).join(' and ');
      summary.notes.push(`${name}: secrets are never imported: set the ${fields} on its tabs.`);
    }
    return;
  }
  // By slug: the same realm on another instance. Only the tabs that differ are saved (and recorded).
  const current = await readRealm(tx, existing.id);
  let changed = false;
  for (const { slug: tab } of REALM_TABS) {
    const before = TAB_READERS[tab](current);
    const after = keepingStoredSecrets(tab, before, values[tab]);
    if (isDeepStrictEqual(before, after)) continue;
    await atTab(at, tab, () => saveTabIn(tx, actor, existing.id, tab, after, TAB_VERSIONS[tab](current), { action: 'import' }));
    changed = true;
  }
  (changed ? summary.updated : summary.unchanged).push(name);
}

/**
 * Creates or updates (by slug) every realm of an export in one transaction, each change recorded in the history as
 * an import: all of them, or, at the first problem, none. A stored secret stays on update; a new realm has none.
 */
export async function importRealms(actor: Actor, realms: ImportedRealm[]): Promise<ImportSummary> {
  return db.$transaction(
    async (tx) => {
      const summary: ImportSummary = { created: [], updated: [], unchanged: [], notes: [] };
      for (const [i, realm] of realms.entries()) await importOne(tx, actor, realm, `realms[${i}]`, summary);
      return summary;
    },
    { timeout: 60_000 },
  );
}
