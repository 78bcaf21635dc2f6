import { handleRealmGet, handleRealmPost } from '@/lib/sso/endpoint';
import { otherMethods } from '@/lib/sso/http';

type Context = { params: Promise<{ realm: string }> };

export async function GET(request: Request, { params }: Context) {
  return handleRealmGet(request, (await params).realm);
}

export async function POST(request: Request, { params }: Context) {
  return handleRealmPost(request, (await params).realm);
}

const { refuse, options } = otherMethods('GET', 'POST');
export { options as OPTIONS, refuse as PUT, refuse as PATCH, refuse as DELETE };
