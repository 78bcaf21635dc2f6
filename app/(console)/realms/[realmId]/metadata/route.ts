import { downloadRealmMetadata } from '@/lib/realm/metadata-download';

/** Download Metadata File on Post Authentication: the public metadata, asked for from inside the console. */
export async function GET(request: Request, { params }: { params: Promise<{ realmId: string }> }) {
  return downloadRealmMetadata(request, (await params).realmId);
}
