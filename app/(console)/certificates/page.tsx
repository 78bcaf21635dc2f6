import type { Metadata } from 'next';

import { requireAdmin } from '@/lib/auth/admin';
import { loadCertificatesPage } from '@/lib/certificates/expiry';
import { CertificateList } from '@/components/certificates/certificate-list';

import {
  deleteCertificateAction,
  generateCertificateAction,
  importPemAction,
  importPfxAction,
  makeDefaultCertificateAction,
} from './actions';

const ACTIONS = {
  generate: generateCertificateAction,
  importPem: importPemAction,
  importPfx: importPfxAction,
  delete: deleteCertificateAction,
  makeDefault: makeDefaultCertificateAction,
};

export const metadata: Metadata = { title: 'Certificates' };

export default async function CertificatesPage() {
  await requireAdmin();
  const now = new Date();
  return <CertificateList {...await loadCertificatesPage(now)} now={now} actions={ACTIONS} />;
}
