import 'server-only';

import { createHash, timingSafeEqual } from 'node:crypto';

import { requireAdmin } from '@/lib/auth/admin';
import { db } from '@/lib/db';
import { type Gauge, renderMetrics } from '@/lib/metrics';

/**
 * GET /metrics: Prometheus scrapes it with `Authorization: Bearer <REALMGATE_METRICS_TOKEN>`; an admin (either role)
 * may read it in the browser with their session. A request that brings a token is judged by the token alone.
 */
export async function handleMetricsRequest(
  request: Request,
  now = new Date(),
  env: Record<string, string | undefined> = process.env,
): Promise<Response> {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    if (!isMetricsToken(authorization, env.REALMGATE_METRICS_TOKEN)) {
      return new Response('A valid metrics token is required.\n', {
        status: 401,
        headers: {
          'WWW-Authenticate': 'Bearer realm="realmgate-metrics"',
          'Content-Type': 'text/plain; charset=utf-8',
          'Cache-Control': 'no-store',
        },
      });
    }
  } else {
    await requireAdmin(); // no token: an admin session, or the way to /login
  }
  return new Response(renderMetrics([await certificateExpiry(now)]), {
    headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/** `Bearer <token>` equal to the configured token, compared in constant time; no token configured: never. */
export function isMetricsToken(authorization: string, configured: string | undefined): boolean {
  const expected = configured?.trim();
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!expected || !match?.[1]) return false;
  // Hashes have one length, so the comparison takes the same time whatever was sent.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(match[1]), digest(expected));
}

/** Days until each signing certificate expires (negative once it has): read from the database at each scrape. */
async function certificateExpiry(now: Date): Promise<Gauge> {
  const rows = await db.certificate.findMany({ select: { serialHex: true, commonName: true, notAfter: true, isDefault: true } });
  return {
    name: 'realmgate_certificate_expiry_days',
    help: 'Days until a signing certificate expires, by serial number.',
    samples: rows.map((row) => ({
      labels: { serial: row.serialHex, common_name: row.commonName, default: String(row.isDefault) },
      value: Math.floor((row.notAfter.getTime() - now.getTime()) / 86_400_000),
    })),
  };
}
