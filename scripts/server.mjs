#!/usr/bin/env node
// The HTTP server `npm start` runs (after scripts/start.mjs has migrated and built), and `npm run dev` with --dev:
// Next's request handler, behind the rules that hold for every request and that Next cannot give: methods it cannot
// route, bodies too large to read, and HSTS. It also tells the app two facts Next does not: the socket address a
// request came from (sign-in throttling) and the path it asked for (to return to after /login); both headers are
// overwritten, so a client cannot forge them. Host checks, the console's CSP and body cap live in proxy.ts; /sso/
// guards itself (lib/sso).
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import http from 'node:http';

import next from 'next';

import { root } from './lib.mjs';

const CLIENT_ADDRESS_HEADER = 'x-realmgate-client-address'; // lib/http/client-address.ts
const REQUEST_PATH_HEADER = 'x-realmgate-request-path'; // lib/auth/admin.ts

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || '127.0.0.1';

// Next hands route handlers and proxy.ts a fetch Request, and `new Request` refuses TRACE (a forbidden method in
// the Fetch standard): Next answers that with a 500. Any method outside Next's own list is refused here instead.
const ROUTABLE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH']);
const ALLOW = 'GET, HEAD, OPTIONS, POST';

// No body Realmgate accepts is near this size (console forms: 1 MB, lib/http/body.ts). Next makes proxy.ts wait
// for a request's whole body before its refusal goes out, so a body declared bigger is refused here, unread.
const MAX_DECLARED_BODY = 2 * 1024 * 1024;

// Served over https (REALMGATE_PUBLIC_URL), every response asks browsers to use nothing else for a year. Not
// includeSubDomains: it would bind names under ours that Realmgate does not serve.
const hsts = /^https:\/\//i.test(process.env.REALMGATE_PUBLIC_URL?.trim() ?? '') ? 'max-age=31536000' : null;

// One JSON line per request on /sso/*: its id (error pages show it as their reference), realm, outcome, status and
// duration. lib/request-context.ts fills in realm and outcome through the same store. Never the query string, headers
// or body: passwords, codes and assertions stay out of the log.
const requestContext = (globalThis[Symbol.for('realmgate.request-context')] ??= new AsyncLocalStorage());

function logSsoRequest(req, res, context, start) {
  const line = {
    level: 'info',
    time: new Date().toISOString(),
    requestId: context.requestId,
    method: req.method,
    path: (req.url ?? '/').split('?')[0],
    realm: context.realm ?? null,
    outcome: context.outcome ?? null,
    status: res.statusCode,
    durationMs: Math.round(Number(process.hrtime.bigint() - start) / 1e4) / 100,
  };
  // Not console.log: Next wraps it (dimming, exit checks), at a cost on every sign-in.
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

// The realm URL, GET and POST /sso/<realm> (every signed-in user's SSO, every sign-in step), is served by the
// route's own handlers without Next's router (lib/sso/direct.ts; instrumentation.ts registers them as the app
// starts): Next's machinery costs several times the RSA signature. Its path segment as Next decodes it; anything
// else goes through Next, and everything in development, where Next recompiles the handlers as they change.
const dev = process.argv.includes('--dev');
const DIRECT_SSO = Symbol.for('realmgate.direct-sso');
const REALM_URL = /^\/sso\/([^/?#]+)(?:\?|$)/;

function directSso(req) {
  const direct = dev ? undefined : globalThis[DIRECT_SSO];
  const match = (req.method === 'GET' || req.method === 'POST') && direct ? REALM_URL.exec(req.url ?? '') : null;
  if (!match) return null;
  try {
    const slug = decodeURIComponent(match[1]);
    return (res) => direct(req, res, slug);
  } catch {
    return null; // a malformed escape: Next answers it
  }
}

const app = next({ dev, dir: root, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  if (hsts) res.setHeader('Strict-Transport-Security', hsts);
  if (!ROUTABLE_METHODS.has(req.method ?? '')) {
    res.writeHead(405, { Allow: ALLOW, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end('This address does not accept this request method.\n');
    return;
  }
  if (Number(req.headers['content-length']) > MAX_DECLARED_BODY) {
    res.writeHead(413, { Connection: 'close', 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end('This request is too large.\n');
    return;
  }
  req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? '';
  req.headers[REQUEST_PATH_HEADER] = req.url ?? '/';
  const direct = directSso(req);
  const serve = () =>
    (direct ? direct(res) : handle(req, res)).catch((error) => {
      console.error(error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  if (!(req.url ?? '').startsWith('/sso/')) return serve();
  const context = { requestId: randomUUID().slice(0, 8).toUpperCase() };
  const start = process.hrtime.bigint();
  res.setHeader('X-Request-Id', context.requestId);
  res.on('finish', () => logSsoRequest(req, res, context, start));
  return requestContext.run(context, serve);
});
server.listen(port, hostname, () => console.log(`Realmgate is listening on http://${hostname}:${port}`));

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
