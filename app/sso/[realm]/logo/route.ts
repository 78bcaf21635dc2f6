import { loadRealmLogo } from '@/lib/sso/realm';
import { otherMethods } from '@/lib/sso/http';

/** The realm's logo for its sign-in page. Sandboxed: an SVG opened on its own can run nothing. */
export async function GET(_request: Request, { params }: { params: Promise<{ realm: string }> }) {
  const logo = await loadRealmLogo((await params).realm);
  if (!logo) return new Response('No logo', { status: 404 });
  return new Response(Buffer.from(logo.bytes), {
    headers: {
      'Content-Type': logo.type,
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'public, max-age=300',
    },
  });
}

const { refuse, options } = otherMethods('GET');
export { options as OPTIONS, refuse as POST, refuse as PUT, refuse as PATCH, refuse as DELETE };
