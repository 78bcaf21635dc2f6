import type { HeaderReader } from './hosts';

/**
 * The address a request came from, for throttling. Realmgate's server (scripts/server.mjs) writes the socket's
 * address into CLIENT_ADDRESS_HEADER, replacing anything a client sent under that name. X-Forwarded-For is
 * anyone's to send, so it counts only behind a proxy the admin declared with REALMGATE_TRUST_PROXY=1, and
 * then only its last entry: the one that proxy added.
 */
export const CLIENT_ADDRESS_HEADER = 'x-realmgate-client-address';

export function clientAddress(headers: HeaderReader, env: Record<string, string | undefined> = process.env): string {
  if (env.REALMGATE_TRUST_PROXY === '1') {
    const forwarded = headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  return headers.get(CLIENT_ADDRESS_HEADER)?.trim() || 'unknown';
}
