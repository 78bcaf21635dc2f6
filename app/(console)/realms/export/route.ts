import { requireAdmin } from '@/lib/auth/admin';
import { exportDownload } from '@/lib/realm/export';

/** Downloads every realm, or the one named by ?realm=<id>, as JSON without secrets (README "Realm export and import"). */
export async function GET(request: Request) {
  await requireAdmin();
  return exportDownload(new URL(request.url).searchParams.get('realm'));
}
