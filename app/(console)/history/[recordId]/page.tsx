import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

import { loadChangeRecordPage } from '@/lib/history/pages';
import { ChangeDiff } from '@/components/history/change-diff';
import { ChangeRecordSummary } from '@/components/history/change-record-summary';
import { RestoreButton } from '@/components/history/restore-button';

import { restoreRecordAction } from './actions';

export const metadata: Metadata = { title: 'Change' };

export default async function ChangeRecordPage({ params }: { params: Promise<{ recordId: string }> }) {
  const { recordId } = await params;
  const page = await loadChangeRecordPage(recordId);
  if (!page) return notFound();
  const { record, restore, canRestore } = page;
  return (
    <div className="grid gap-4">
      <ChangeRecordSummary record={record} />
      <ChangeDiff changes={record.changes} />
      {canRestore && restore.kind !== 'none' && (
        <RestoreButton
          recordId={record.id}
          version={restore.kind === 'tab' ? restore.version : null}
          label={restore.kind === 'tab' ? 'Restore the values before this change' : 'Restore this realm'}
          restore={restoreRecordAction}
        />
      )}
      {restore.kind === 'none' && restore.reason && <p className="text-sm text-slate-600">{restore.reason}</p>}
    </div>
  );
}
