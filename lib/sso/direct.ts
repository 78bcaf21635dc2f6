import 'server-only';

import type { IncomingMessage, ServerResponse } from 'node:http';

import { SSO_BODY_LIMIT } from '@/lib/http/body';

import { handleRealmGet, handleRealmPost } from './endpoint';
import type { SsoRequest } from './http';

/**
 * The realm URL, GET and POST /sso/<realm>, served by scripts/server.mjs without Next's router (issue 11): every
 * signed-in user's SSO and every sign-in step come here, and Next's routing, tracing and rendering machinery cost
 * several times the RSA signature a request is for, or the refusal of a guess during a flood. The handlers are the
 * route's own (app/sso/[realm]/route.ts calls them too), so both ways answer alike; instrumentation.ts hands this
 * to the server through the global below.
 */
export const DIRECT_SSO = Symbol.for('realmgate.direct-sso');

export type DirectSso = (req: IncomingMessage, res: ServerResponse, slug: string) => Promise<void>;

/**
 * A posted body, read until it ends or passes the sign-in forms' cap (handleRealmPost then refuses it with its
 * page; Node discards the rest once the answer is sent). Cheaper than handing the handler a web stream of the socket.
 */
function bodyOf(req: IncomingMessage): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData).off('end', done).off('close', done).off('error', reject).pause();
      resolve(new Uint8Array(Buffer.concat(chunks, size)));
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > SSO_BODY_LIMIT) done();
    };
    // 'close' without 'end': the client went away; what came is answered to no one.
    req.on('data', onData).once('end', done).once('close', done).once('error', reject);
  });
}

/** Node's request as the handlers read one (SsoRequest): its headers as Node joined them, names in any case. */
function ssoRequestOf(req: IncomingMessage): SsoRequest {
  return {
    // Only the path and query are read (sp-request.ts); the host part is never used, as with Next's request.url.
    url: `http://localhost${req.url ?? '/'}`,
    headers: {
      get: (name) => {
        const value = req.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
  };
}

async function serveRealmUrl(req: IncomingMessage, res: ServerResponse, slug: string): Promise<void> {
  const request = ssoRequestOf(req);
  const reply =
    req.method === 'POST' ? await handleRealmPost({ ...request, bodyRead: await bodyOf(req) }, slug) : await handleRealmGet(request, slug);
  res.statusCode = reply.status;
  for (const [name, value] of Object.entries(reply.fields)) res.setHeader(name, value);
  if (reply.cookies.length > 0) res.setHeader('Set-Cookie', reply.cookies);
  res.end(reply.body ?? undefined);
}

export function registerDirectSso(): void {
  (globalThis as Record<symbol, DirectSso>)[DIRECT_SSO] = serveRealmUrl;
}
