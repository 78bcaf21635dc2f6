import { handleMetadata } from '@/lib/sso/metadata';

export async function GET(request: Request, { params }: { params: Promise<{ realm: string }> }) {
  return handleMetadata(request, (await params).realm);
}
