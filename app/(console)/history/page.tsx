import type { Metadata } from 'next';

import { type SearchParams } from '@/lib/history/filters';
import { loadHistoryPage } from '@/lib/history/pages';
import { HistoryView } from '@/components/history/history-view';

export const metadata: Metadata = { title: 'History' };

export default async function HistoryPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = await loadHistoryPage(await searchParams);
  return (
    <div className="grid gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">History</h1>
        <p className="mt-1 text-sm text-slate-600">Every change to realms, certificates, directory users and admins: who, when and what.</p>
      </div>
      <HistoryView page={page} path="/history" realmScoped={false} />
    </div>
  );
}
