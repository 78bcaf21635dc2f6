/** GET /healthz for load balancers: the process is up and serving (no database call). Public, reveals nothing. */
export function GET() {
  return new Response('ok\n', { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

export const dynamic = 'force-dynamic';
