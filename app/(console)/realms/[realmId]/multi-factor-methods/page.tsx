import { notFound } from 'next/navigation';

import { loadTabPage } from '@/lib/realm/tab-page';
import { MultiFactorMethodsForm } from '@/components/realm/multi-factor-methods-form';

import { saveMultiFactorMethods } from './actions';

export default async function MultiFactorMethodsPage({ params }: { params: Promise<{ realmId: string }> }) {
  const { realmId } = await params;
  const page = await loadTabPage(realmId, 'multi-factor-methods');
  if (!page) return notFound();
  return <MultiFactorMethodsForm realm={page.realm} values={page.values} version={page.version} save={saveMultiFactorMethods} />;
}
