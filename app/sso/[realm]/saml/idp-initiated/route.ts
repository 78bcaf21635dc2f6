import { handleIdpInitiated } from '@/lib/sso/endpoint';
import { otherMethods } from '@/lib/sso/http';

export async function GET(request: Request, { params }: { params: Promise<{ realm: string }> }) {
  return handleIdpInitiated(request, (await params).realm);
}

const { refuse, options } = otherMethods('GET');
export { options as OPTIONS, refuse as POST, refuse as PUT, refuse as PATCH, refuse as DELETE };
