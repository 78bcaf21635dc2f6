import { handleIdpInitiated } from '@/lib/sso/endpoint';

export async function GET(request: Request, { params }: { params: Promise<{ realm: string }> }) {
  return handleIdpInitiated(request, (await params).realm);
}
