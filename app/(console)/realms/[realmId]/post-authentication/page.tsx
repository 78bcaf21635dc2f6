import { notFound } from 'next/navigation';

import { listCertificateChoices } from '@/lib/certificates/store';
import { loadPostAuthenticationPage } from '@/lib/realm/certificate-switch';
import { PostAuthenticationForm } from '@/components/realm/post-authentication-form';

import { importSpMetadataAction, savePostAuthentication, switchCertificateNowAction } from './actions';

export default async function PostAuthenticationPage({ params }: { params: Promise<{ realmId: string }> }) {
  const { realmId } = await params;
  const page = await loadPostAuthenticationPage(realmId, new Date());
  if (!page) return notFound();
  const certificates = await listCertificateChoices();
  return (
    <PostAuthenticationForm
      realm={page.realm}
      values={page.values}
      version={page.version}
      save={savePostAuthentication}
      switchNow={switchCertificateNowAction}
      certificates={certificates}
      importSpMetadata={importSpMetadataAction}
    />
  );
}
