import { requireAdmin } from '@/lib/auth/admin';
import { loadCertificateFile } from '@/lib/certificates/store';

/** Downloads a signing certificate as PEM: the certificate only, never its private key. */
export async function GET(_request: Request, { params }: { params: Promise<{ certificateId: string }> }) {
  await requireAdmin();
  const file = await loadCertificateFile((await params).certificateId);
  if (!file) return new Response('This certificate does not exist.', { status: 404 });
  return new Response(file.pem, {
    headers: {
      'Content-Type': 'application/x-pem-file',
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      'Cache-Control': 'no-store',
    },
  });
}
