import { handleRealmGet, handleRealmPost } from '@/lib/sso/endpoint';

type Context = { params: Promise<{ realm: string }> };

export async function GET(request: Request, { params }: Context) {
  return handleRealmGet(request, (await params).realm);
}

export async function POST(request: Request, { params }: Context) {
  return handleRealmPost(request, (await params).realm);
}
