import Link from 'next/link';

import { formatInstant } from '@/lib/format';
import { type HistoryFilters, toHistoryQuery } from '@/lib/history/filters';
import { describeObject, summarizeChange } from '@/lib/history/summary';
import type { ChangeRecordView } from '@/lib/history/types';

/** The records of one page, newest first: each summary opens the record's field-by-field diff. */
export function HistoryTable({ records }: { records: ChangeRecordView[] }) {
  if (records.length === 0) return <p className="text-sm text-slate-600">No changes match these filters.</p>;
  return (
    <table className="w-full overflow-hidden rounded-lg bg-white text-sm shadow-sm ring-1 ring-slate-200">
      <thead className="bg-slate-50 text-left text-slate-600">
        <tr>
          {['When', 'Admin', 'What', 'Summary'].map((column) => (
            <th key={column} scope="col" className="px-4 py-2 font-medium">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {records.map((record) => (
          <tr key={record.id} className="border-t border-slate-100 align-top">
            <td className="px-4 py-2 whitespace-nowrap">{formatInstant(record.createdAt)}</td>
            <td className="px-4 py-2">{record.admin.username}</td>
            <td className="px-4 py-2">{describeObject(record)}</td>
            <td className="px-4 py-2">
              <Link href={`/history/${record.id}`} className="text-brand-700 hover:underline">
                {summarizeChange(record)}
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Newer / Older: the same filters, one page up or down. */
export function HistoryPagination({ path, filters, hasOlder }: { path: string; filters: HistoryFilters; hasOlder: boolean }) {
  const to = (page: number) => `${path}${toHistoryQuery({ ...filters, page })}`;
  return (
    <nav aria-label="History pages" className="flex items-center gap-4 text-sm">
      {filters.page > 1 && (
        <Link href={to(filters.page - 1)} className="text-brand-700 hover:underline">
          ← Newer
        </Link>
      )}
      <span className="text-slate-600">Page {filters.page}</span>
      {hasOlder && (
        <Link href={to(filters.page + 1)} className="text-brand-700 hover:underline">
          Older →
        </Link>
      )}
    </nav>
  );
}
