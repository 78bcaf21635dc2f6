import { handleIdpInitiated } from '@/lib/sso/endpoint';
import { otherMethods } from '@/lib/sso/http';

export async function GET(request: Request, { params }: { params: Promise<{ realm: string }> }) {
  return (await handleIdpInitiated(request, (await params).realm)).toResponse();
}

const { refuse, options } = otherMethods('GET');
export { options as OPTIONS, refuse as POST, refuse as PUT, refuse as PATCH, refuse as DELETE };
