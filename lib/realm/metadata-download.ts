import 'server-only';

import { requireAdmin } from '@/lib/auth/admin';
import { loadRealmSummary } from '@/lib/realm/realm-list-repository';
import { handleMetadata } from '@/lib/sso/metadata';

/** The console's metadata download: an admin session, then the same document service providers fetch. */
export async function downloadRealmMetadata(request: Request, realmId: string): Promise<Response> {
  await requireAdmin();
  const realm = await loadRealmSummary(realmId);
  if (!realm)
    return new Response('This realm does not exist.\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return handleMetadata(request, realm.slug);
}
