import 'server-only';

import { requireAdmin } from '@/lib/auth/admin';
import { NotFoundError } from '@/lib/errors';
import { loadRealmSummary } from '@/lib/realm/realm-list-repository';
import { loadTab } from '@/lib/realm/repository';

import { type HistoryFilters, type SearchParams, parseHistoryFilters } from './filters';
import { listChangeRecords, listHistoryChoices, loadChangeRecord } from './repository';
import { restoreKindOf, tabOf } from './restore';
import type { Actor, ChangeRecordView } from './types';

export type HistoryPage = {
  filters: HistoryFilters;
  problems: string[];
  records: ChangeRecordView[];
  hasOlder: boolean;
  choices: { admins: Actor[]; realms: { id: string; name: string }[] };
};

/** The global history, or one realm's (`realmId`): the filters from the query string, one page of records. */
export async function loadHistoryPage(params: SearchParams, realmId?: string): Promise<HistoryPage> {
  await requireAdmin();
  const { filters, problems } = parseHistoryFilters(params);
  if (realmId) filters.realmId = realmId;
  // One realm's history filters by tab, not by realm: it needs no list of realms.
  const [{ records, hasOlder }, choices] = await Promise.all([listChangeRecords(filters), listHistoryChoices({ withRealms: !realmId })]);
  return { filters, problems, records, hasOlder, choices };
}

/** Restore on a record's page: a tab at its current version, or a deleted realm; with a reason when not offered. */
export type RestoreOffer = { kind: 'tab'; version: number } | { kind: 'realm' } | { kind: 'none'; reason: string | null };

export type ChangeRecordPage = { record: ChangeRecordView; restore: RestoreOffer; canRestore: boolean };

async function toRestoreOffer(record: ChangeRecordView): Promise<RestoreOffer> {
  const kind = restoreKindOf(record);
  const tab = tabOf(record);
  if (kind === 'tab' && tab && record.realmId) {
    try {
      return { kind: 'tab', version: (await loadTab(record.realmId, tab)).version };
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      return { kind: 'none', reason: 'This realm has been deleted: restore it from its delete record first.' };
    }
  }
  if (kind === 'realm' && record.realmId) {
    if (await loadRealmSummary(record.realmId)) return { kind: 'none', reason: 'This realm exists: it has been restored already.' };
    return { kind: 'realm' };
  }
  return { kind: 'none', reason: null };
}

/** One record with its diff; null for an unknown record (the page answers 404). Auditors see no Restore. */
export async function loadChangeRecordPage(recordId: string): Promise<ChangeRecordPage | null> {
  const admin = await requireAdmin();
  const record = /^\d{1,15}$/.test(recordId) ? await loadChangeRecord(Number(recordId)) : null;
  if (!record) return null;
  const { snapshot: _snapshot, ...view } = record;
  return { record: view, restore: await toRestoreOffer(view), canRestore: admin.role === 'administrator' };
}
