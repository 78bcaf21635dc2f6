import { notFound } from 'next/navigation';

import { loadTabPage } from '@/lib/realm/tab-page';
import { WorkflowForm } from '@/components/realm/workflow-form';

import { saveWorkflow } from './actions';

export default async function WorkflowPage({ params }: { params: Promise<{ realmId: string }> }) {
  const { realmId } = await params;
  const page = await loadTabPage(realmId, 'workflow');
  if (!page) return notFound();
  return <WorkflowForm realm={page.realm} values={page.values} version={page.version} save={saveWorkflow} />;
}
