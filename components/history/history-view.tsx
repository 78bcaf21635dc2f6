import type { HistoryPage } from '@/lib/history/pages';

import { HistoryFilterForm } from './history-filters';
import { HistoryPagination, HistoryTable } from './history-table';

/** A history page's body: filters, what was wrong with them, the records and the page links. */
export function HistoryView({ page, path, realmScoped }: { page: HistoryPage; path: string; realmScoped: boolean }) {
  // One realm's history has its realm in the path, not in the query.
  const linkFilters = realmScoped ? { ...page.filters, realmId: undefined } : page.filters;
  return (
    <div className="grid gap-4">
      <HistoryFilterForm
        action={path}
        filters={page.filters}
        admins={page.choices.admins}
        realms={page.choices.realms}
        realmScoped={realmScoped}
      />
      {page.problems.length > 0 && (
        <ul role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-300">
          {page.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <HistoryTable records={page.records} />
      <HistoryPagination path={path} filters={linkFilters} hasOlder={page.hasOlder} />
    </div>
  );
}
