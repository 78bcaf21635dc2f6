import { notFound } from 'next/navigation';

import { listCertificateChoices } from '@/lib/certificates/store';
import { loadTabPage } from '@/lib/realm/tab-page';
import { PostAuthenticationForm } from '@/components/realm/post-authentication-form';

import { importSpMetadataAction, savePostAuthentication } from './actions';

export default async function PostAuthenticationPage({ params }: { params: Promise<{ realmId: string }> }) {
  const { realmId } = await params;
  const page = await loadTabPage(realmId, 'post-authentication');
  if (!page) return notFound();
  const certificates = await listCertificateChoices();
  return (
    <PostAuthenticationForm
      realm={page.realm}
      values={page.values}
      version={page.version}
      save={savePostAuthentication}
      certificates={certificates}
      importSpMetadata={importSpMetadataAction}
    />
  );
}
