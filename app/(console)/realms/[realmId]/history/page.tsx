import type { Metadata } from 'next';

import { type SearchParams } from '@/lib/history/filters';
import { loadHistoryPage } from '@/lib/history/pages';
import { HistoryView } from '@/components/history/history-view';

export const metadata: Metadata = { title: 'Realm history' };

export default async function RealmHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ realmId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { realmId } = await params;
  const page = await loadHistoryPage(await searchParams, realmId);
  return (
    <section aria-labelledby="realm-history-title" className="grid gap-4">
      <h2 id="realm-history-title" className="text-lg font-semibold">
        History
      </h2>
      <HistoryView page={page} path={`/realms/${encodeURIComponent(realmId)}/history`} realmScoped />
    </section>
  );
}
