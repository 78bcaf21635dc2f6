import { notFound } from 'next/navigation';

import { loadTabPage } from '@/lib/realm/tab-page';
import { DataForm } from '@/components/realm/data-form';

import { saveData, testConnectionAction } from './actions';

export default async function DataPage({ params }: { params: Promise<{ realmId: string }> }) {
  const { realmId } = await params;
  const page = await loadTabPage(realmId, 'data');
  if (!page) return notFound();
  return <DataForm realm={page.realm} values={page.values} version={page.version} save={saveData} testConnection={testConnectionAction} />;
}
