import 'server-only';

import { lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { request } from 'node:https';
import { BlockList, isIP } from 'node:net';

import { parseHttpsUrl } from '@/lib/realm/schemas/fields';

/**
 * Fetching a document at an address an administrator typed (an SP's metadata URL): https only, a byte limit, one time
 * limit for everything (DNS, connection, body), at most three redirects, each checked like the first. A name that
 * resolves to a private, loopback, link-local or otherwise internal address is refused unless the admin allowed it,
 * and the connection goes to the very address that was checked (no second DNS answer can re-point it).
 */

export class OutboundRefusedError extends Error {}

// Internal and special-purpose ranges (RFC 6890): none of them is an SP on the Internet. One list per family: a
// BlockList also matches IPv4 addresses against IPv6 rules in their IPv4-mapped form.
const INTERNAL_V4 = new BlockList();
const INTERNAL_V6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  INTERNAL_V4.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127], // :: and ::1
  ['::ffff:0:0', 96], // IPv4-mapped: the IPv4 address inside decides, and none is a public SP's AAAA record
  ['64:ff9b::', 96],
  ['100::', 64],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  INTERNAL_V6.addSubnet(network, prefix, 'ipv6');
}

export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return INTERNAL_V4.check(address, 'ipv4');
  return family === 0 || INTERNAL_V6.check(address, 'ipv6');
}

export type OutboundOptions = {
  maxBytes: number;
  timeoutMs: number;
  allowInternal: boolean;
  /** Certificates to trust besides the system's (tests' throwaway servers). */
  ca?: string;
};

const MAX_REDIRECTS = 3;

async function resolve(url: URL, options: OutboundOptions): Promise<LookupAddress> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = await lookup(host, { all: true, verbatim: true }).catch(() => {
    throw new OutboundRefusedError(`The name ${host} could not be resolved.`);
  });
  const internal = addresses.find((address) => isInternalAddress(address.address));
  if (internal && !options.allowInternal) {
    throw new OutboundRefusedError(
      `${host} is a private or local address (${internal.address}): tick "Allow private address" to fetch from it.`,
    );
  }
  const [first] = addresses;
  if (!first) throw new OutboundRefusedError(`The name ${host} has no address.`);
  return first;
}

type Answer = { status: number; location: string | null; body: Uint8Array };

function get(url: URL, address: LookupAddress, options: OutboundOptions, signal: AbortSignal): Promise<Answer> {
  return new Promise((done, failed) => {
    const req = request(
      url,
      {
        method: 'GET',
        signal,
        ca: options.ca,
        headers: { Accept: 'application/samlmetadata+xml, application/xml, text/xml' },
        // The checked address, whatever a second DNS answer would say.
        lookup: (_host, lookupOptions, callback) =>
          lookupOptions.all ? callback(null, [address]) : callback(null, address.address, address.family),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          response.resume();
          done({ status, location: response.headers.location ?? null, body: new Uint8Array() });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            req.destroy(new OutboundRefusedError(`The document is larger than ${options.maxBytes / 1024} KB.`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => done({ status, location: null, body: new Uint8Array(Buffer.concat(chunks)) }));
        response.on('error', failed);
      },
    );
    req.on('error', failed);
    req.end();
  });
}

/** The body of an https GET of `address`, within the limits; throws OutboundRefusedError with a message for the admin. */
export async function fetchOutbound(address: string, options: OutboundOptions): Promise<Uint8Array> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const late = () => new OutboundRefusedError(`The server did not answer within ${options.timeoutMs / 1000} seconds.`);
  // DNS takes no signal: the time limit cuts the wait for it short too.
  const timedOut = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(late())));
  timedOut.catch(() => undefined);
  try {
    let url = parseHttpsUrl(address);
    for (let redirects = 0; ; redirects += 1) {
      if (!url) throw new OutboundRefusedError('Give an absolute https:// URL (and https:// redirects only).');
      const resolved = await Promise.race([resolve(url, options), timedOut]);
      const answer = await get(url, resolved, options, controller.signal);
      if (answer.location === null) {
        if (answer.status !== 200) throw new OutboundRefusedError(`The server answered HTTP ${answer.status}.`);
        return answer.body;
      }
      if (redirects === MAX_REDIRECTS) throw new OutboundRefusedError('The server redirected too many times.');
      url = parseHttpsUrl(new URL(answer.location, url).href);
    }
  } catch (error) {
    if (error instanceof OutboundRefusedError) throw error;
    if (controller.signal.aborted) throw late();
    throw new OutboundRefusedError(`The document could not be fetched (${error instanceof Error ? error.message : String(error)}).`);
  } finally {
    clearTimeout(timer);
  }
}
