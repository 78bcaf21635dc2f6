import type { Metadata } from 'next';

import { requireAdmin } from '@/lib/auth/admin';
import { listCertificates } from '@/lib/certificates/store';
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
  return <CertificateList certificates={await listCertificates()} now={new Date()} actions={ACTIONS} />;
}
