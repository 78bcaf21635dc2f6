import { handleRealmGet, handleRealmPost } from '@/lib/sso/endpoint';
import { otherMethods } from '@/lib/sso/http';

type Context = { params: Promise<{ realm: string }> };

export async function GET(request: Request, { params }: Context) {
  return (await handleRealmGet(request, (await params).realm)).toResponse();
}

export async function POST(request: Request, { params }: Context) {
  return (await handleRealmPost(request, (await params).realm)).toResponse();
}

const { refuse, options } = otherMethods('GET', 'POST');
export { options as OPTIONS, refuse as PUT, refuse as PATCH, refuse as DELETE };
