import 'server-only';

import type { IncomingMessage, ServerResponse } from 'node:http';

import { handleRealmGet } from './endpoint';
import { htmlBodyOf } from './http';

/**
 * GET /sso/<realm> served by scripts/server.mjs without Next's router (issue 11): the realm URL is what every
 * signed-in user's SSO requests, and Next's routing, tracing and rendering machinery cost several times the RSA
 * signature the request is for. The handler is the route's own (app/sso/[realm]/route.ts calls the same
 * handleRealmGet), so both ways answer alike; instrumentation.ts hands it to the server through this global.
 */
export const DIRECT_SSO_GET = Symbol.for('realmgate.direct-sso-get');

export type DirectSsoGet = (req: IncomingMessage, res: ServerResponse, slug: string) => Promise<void>;

async function serveRealmGet(req: IncomingMessage, res: ServerResponse, slug: string): Promise<void> {
  // Only the path and query are read (sp-request.ts); the host part is never used, as with Next's request.url.
  const url = new URL(req.url ?? '/', 'http://localhost');
  const response = await handleRealmGet(new Request(url, { headers: req.headers as Record<string, string> }), slug);
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('Set-Cookie', cookies);
  res.end(htmlBodyOf(response) ?? Buffer.from(await response.arrayBuffer()));
}

export function registerDirectSsoGet(): void {
  (globalThis as Record<symbol, DirectSsoGet>)[DIRECT_SSO_GET] = serveRealmGet;
}
