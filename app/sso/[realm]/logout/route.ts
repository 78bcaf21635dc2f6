import { otherMethods } from '@/lib/sso/http';
import { handleLogoutGet, handleLogoutPost } from '@/lib/sso/logout';

type Context = { params: Promise<{ realm: string }> };

export async function GET(request: Request, { params }: Context) {
  return (await handleLogoutGet(request, (await params).realm)).toResponse();
}

export async function POST(request: Request, { params }: Context) {
  return (await handleLogoutPost(request, (await params).realm)).toResponse();
}

const { refuse, options } = otherMethods('GET', 'POST');
export { options as OPTIONS, refuse as PUT, refuse as PATCH, refuse as DELETE };
