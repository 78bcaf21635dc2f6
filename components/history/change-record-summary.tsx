import Link from 'next/link';

import { formatInstant } from '@/lib/format';
import { describeObject, summarizeChange } from '@/lib/history/summary';
import type { ChangeRecordView } from '@/lib/history/types';

/** A record's heading and facts: what, which change, who, when, and the record a restore came from. */
export function ChangeRecordSummary({ record }: { record: ChangeRecordView }) {
  const back = record.realmId ? `/history?realm=${encodeURIComponent(record.realmId)}` : '/history';
  return (
    <div>
      <Link href={back} className="text-sm text-brand-700 hover:underline">
        ← History
      </Link>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight">Change #{record.id}</h1>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">What</dt>
        <dd>{describeObject(record)}</dd>
        <dt className="text-slate-600">Change</dt>
        <dd>{summarizeChange(record)}</dd>
        <dt className="text-slate-600">Admin</dt>
        <dd>{record.admin.username}</dd>
        <dt className="text-slate-600">When</dt>
        <dd>{formatInstant(record.createdAt)}</dd>
        {record.sourceRecordId !== null && (
          <>
            <dt className="text-slate-600">Restored from</dt>
            <dd>
              <Link href={`/history/${record.sourceRecordId}`} className="text-brand-700 hover:underline">
                Change #{record.sourceRecordId}
              </Link>
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
