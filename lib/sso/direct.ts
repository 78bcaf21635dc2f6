import 'server-only';

import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

import { handleRealmGet, handleRealmPost } from './endpoint';
import { htmlBodyOf } from './http';

/**
 * The realm URL, GET and POST /sso/<realm>, served by scripts/server.mjs without Next's router (issue 11): every
 * signed-in user's SSO and every sign-in step come here, and Next's routing, tracing and rendering machinery cost
 * several times the RSA signature a request is for, or the refusal of a guess during a flood. The handlers are the
 * route's own (app/sso/[realm]/route.ts calls them too), so both ways answer alike; instrumentation.ts hands this
 * to the server through the global below.
 */
export const DIRECT_SSO = Symbol.for('realmgate.direct-sso');

export type DirectSso = (req: IncomingMessage, res: ServerResponse, slug: string) => Promise<void>;

async function serveRealmUrl(req: IncomingMessage, res: ServerResponse, slug: string): Promise<void> {
  // Only the path and query are read (sp-request.ts); the host part is never used, as with Next's request.url.
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers = req.headers as Record<string, string>;
  const response =
    req.method === 'POST'
      ? await handleRealmPost(
          new Request(url, { method: 'POST', headers, body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } as RequestInit),
          slug,
        )
      : await handleRealmGet(new Request(url, { headers }), slug);
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('Set-Cookie', cookies);
  res.end(htmlBodyOf(response) ?? Buffer.from(await response.arrayBuffer()));
}

export function registerDirectSso(): void {
  (globalThis as Record<symbol, DirectSso>)[DIRECT_SSO] = serveRealmUrl;
}
