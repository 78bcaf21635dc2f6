import { checkReadiness } from '@/lib/health';

/** GET /readyz for load balancers: 200 when this instance can take sign-ins, 503 with the failed checks otherwise. */
export async function GET() {
  const readiness = await checkReadiness();
  return Response.json(readiness, { status: readiness.ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}

export const dynamic = 'force-dynamic';
