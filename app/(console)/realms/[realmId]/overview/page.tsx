import { notFound } from 'next/navigation';

import { loadTabPage } from '@/lib/realm/tab-page';
import { OverviewForm } from '@/components/realm/overview-form';

import { saveOverview, sendTestEmailAction } from './actions';

export default async function OverviewPage({ params }: { params: Promise<{ realmId: string }> }) {
  const { realmId } = await params;
  const page = await loadTabPage(realmId, 'overview');
  if (!page) return notFound();
  return (
    <OverviewForm realm={page.realm} values={page.values} version={page.version} save={saveOverview} sendTestEmail={sendTestEmailAction} />
  );
}
