import { notFound } from 'next/navigation';

import { loadTabPage } from '@/lib/realm/tab-page';
import { PostAuthenticationForm } from '@/components/realm/post-authentication-form';

export default async function PostAuthenticationPage({ params }: { params: Promise<{ realmId: string }> }) {
  const { realmId } = await params;
  const page = await loadTabPage(realmId, 'post-authentication');
  if (!page) return notFound();
  return <PostAuthenticationForm realm={page.realm} values={page.values} version={page.version} />;
}
