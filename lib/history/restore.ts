import 'server-only';

import { z } from 'zod';

import { type Admin, requireAdmin } from '@/lib/auth/admin';
import { AppError, ConflictError, ValidationError } from '@/lib/errors';
import { toFieldErrors } from '@/lib/form-result';
import { logError } from '@/lib/log';
import { fieldLabel } from '@/lib/realm/field-labels';
import { restoreDeletedRealm } from '@/lib/realm/realm-list-repository';
import { saveTab } from '@/lib/realm/repository';
import { TAB_SCHEMAS, type TabValues, secretFieldsOf } from '@/lib/realm/schemas';
import { REALM_TABS, type RealmTab } from '@/lib/realm/tabs';

import { loadChangeRecord } from './repository';
import type { ChangeRecordView } from './types';

/** What Restore on a record's page answers: what happened (and what did not come back), or why not. */
export type RestoreResult =
  | { ok: true; message: string; notes: string[]; href: string; linkText: string }
  | { ok: false; message: string; problems: string[]; conflict?: true };

/** The Restore button's server action, as the record page hands it to the button. */
export type RestoreAction = (recordId: number, version: number | null) => Promise<RestoreResult>;

export const SECRETS_KEPT = 'Secrets were not restored; the current ones stay.';

const tabSnapshotSchema = z.object({ before: z.record(z.string(), z.unknown()) });

/** A stored secret stays as it is (the record never held it): "set" keeps what is stored, if anything. */
const KEEP_SECRET = Object.freeze({ isSet: true, replacement: null });

export function tabOf(record: Pick<ChangeRecordView, 'tab'>): RealmTab | null {
  return REALM_TABS.find((tab) => tab.slug === record.tab)?.slug ?? null;
}

/** What a record can restore: a realm tab to its values before the change, or a deleted realm; else nothing. */
export function restoreKindOf(record: Pick<ChangeRecordView, 'objectType' | 'realmId' | 'tab' | 'action'>): 'tab' | 'realm' | null {
  if (record.objectType !== 'realm' || !record.realmId) return null;
  if (tabOf(record)) return 'tab';
  return record.action === 'delete' ? 'realm' : null;
}

/**
 * Takes a tab back to its values before the record's change: through the tab's schema and the tab's version
 * check like any save, and recorded as a restore. Secrets are never restored: the current ones stay.
 */
export async function restoreTab(
  actor: Admin,
  record: ChangeRecordView & { snapshot: unknown },
  tab: RealmTab,
  version: number,
): Promise<{ notes: string[] }> {
  const { before } = tabSnapshotSchema.parse(record.snapshot);
  const secrets = secretFieldsOf(tab);
  const parsed = TAB_SCHEMAS[tab].safeParse({ ...before, ...Object.fromEntries(secrets.map((field) => [field, KEEP_SECRET])) });
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
  await saveTab(actor, record.realmId ?? '', tab, parsed.data as TabValues[RealmTab], version, record.id);
  return { notes: secrets.length > 0 ? [SECRETS_KEPT] : [] };
}

function toRestoreFailure(error: unknown, tab: RealmTab | null): RestoreResult {
  if (error instanceof ValidationError) {
    const problems = Object.entries(error.fieldErrors).map(([path, message]) =>
      path.startsWith('root.') ? message : `${tab ? fieldLabel(tab, path) : 'Realm Name'}: ${message}`,
    );
    return { ok: false, message: 'Not restored: the values of this change break a rule of the tab today.', problems };
  }
  if (error instanceof ConflictError) return { ok: false, conflict: true, message: `Not restored: ${error.message}`, problems: [] };
  if (error instanceof AppError) return { ok: false, message: `Not restored: ${error.message}`, problems: [] };
  const reference = logError('restore change record', error);
  return { ok: false, message: `Restoring failed because of an error on the server (reference ${reference}).`, problems: [] };
}

const failure = (message: string): RestoreResult => ({ ok: false, message, problems: [] });

/** Restore on a record's page: a tab at the version the page loaded (a stale page gets the conflict message), or a deleted realm. */
export async function restoreFromForm(recordId: unknown, version: unknown): Promise<RestoreResult> {
  const admin = await requireAdmin('administrator');
  const record = typeof recordId === 'number' && Number.isSafeInteger(recordId) ? await loadChangeRecord(recordId) : null;
  if (!record) return failure('This change record does not exist.');
  const kind = restoreKindOf(record);
  const tab = tabOf(record);
  try {
    if (kind === 'tab' && tab) {
      if (typeof version !== 'number' || !Number.isInteger(version))
        return failure('The form arrived incomplete. Reload the page and try again.');
      const { notes } = await restoreTab(admin, record, tab, version);
      const label = REALM_TABS.find((candidate) => candidate.slug === tab)?.label ?? tab;
      return {
        ok: true,
        message: `${label} restored to its values before this change.`,
        notes,
        href: `/realms/${record.realmId}/${tab}`,
        linkText: `Open ${label}`,
      };
    }
    if (kind === 'realm' && record.realmId) {
      const { realm, notes } = await restoreDeletedRealm(admin, {
        recordId: record.id,
        realmId: record.realmId,
        snapshot: record.snapshot,
      });
      return {
        ok: true,
        message: `Realm ${realm.name} restored with all its tabs.`,
        notes,
        href: `/realms/${realm.id}/overview`,
        linkText: `Open ${realm.name}`,
      };
    }
    return failure('Only changes of a realm tab and deleted realms can be restored.');
  } catch (error) {
    return toRestoreFailure(error, tab);
  }
}
