import { REALM_TABS } from '@/lib/realm/tabs';

import { ACTION_LABELS, type ChangeRecordView, OBJECT_TYPES } from './types';

/** How the history lists and titles a record: what changed, and in a few words how. */

export function tabLabelOf(tab: string | null): string | null {
  return REALM_TABS.find((candidate) => candidate.slug === tab)?.label ?? null;
}

/** "Realm Payroll › Post Authentication", "Certificate Realmgate Signing (0a1b…)", "Directory user jane". */
export function describeObject(record: Pick<ChangeRecordView, 'objectType' | 'objectName' | 'tab'>): string {
  const type = OBJECT_TYPES.find((option) => option.value === record.objectType)?.label ?? record.objectType;
  const tab = tabLabelOf(record.tab);
  return `${type} ${record.objectName}${tab ? ` › ${tab}` : ''}`;
}

const SHOWN_LABELS = 3;

/** Actions on a whole object: their field lists are the object itself, the action says it all. */
const WHOLE_OBJECT_ACTIONS: readonly string[] = ['create', 'duplicate', 'delete', 'generate', 'import'];

/** "Saved: SAML Valid Hours, Sign SAML Message and 2 more", "Restored from change #12: …", "Deleted". */
export function summarizeChange(record: Pick<ChangeRecordView, 'action' | 'changes' | 'sourceRecordId'>): string {
  const action = `${ACTION_LABELS[record.action] ?? record.action}${record.sourceRecordId ? ` from change #${record.sourceRecordId}` : ''}`;
  if (WHOLE_OBJECT_ACTIONS.includes(record.action)) return action;
  const labels = record.changes.map((change) => change.label);
  if (labels.length === 0) return `${action}: no field changed`;
  const more = labels.length > SHOWN_LABELS ? ` and ${labels.length - SHOWN_LABELS} more` : '';
  return `${action}: ${labels.slice(0, SHOWN_LABELS).join(', ')}${more}`;
}
