import { handleMetricsRequest } from '@/lib/metrics-endpoint';

/** GET /metrics in Prometheus's text format: a bearer token (REALMGATE_METRICS_TOKEN) or an admin session. */
export function GET(request: Request) {
  return handleMetricsRequest(request);
}

export const dynamic = 'force-dynamic';
