#!/usr/bin/env node
// Realmgate's HTTP server: Next's request handler behind a plain Node server, so the app learns the one fact
// Next does not give it: the socket address a request came from (for sign-in throttling), and the path it
// asked for (to come back to after /login). A client cannot forge either: both headers are overwritten.
import { createServer } from 'node:http';

import next from 'next';

import { root } from './lib.mjs';

const CLIENT_ADDRESS_HEADER = 'x-realmgate-client-address'; // lib/http/client-address.ts
const REQUEST_PATH_HEADER = 'x-realmgate-request-path'; // lib/auth/admin.ts

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || '127.0.0.1';

const app = next({ dev, dir: root, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((request, response) => {
  request.headers[CLIENT_ADDRESS_HEADER] = request.socket.remoteAddress ?? '';
  request.headers[REQUEST_PATH_HEADER] = request.url ?? '/';
  void handle(request, response);
});
server.listen(port, hostname, () => console.log(`Realmgate is listening on http://${hostname}:${port}`));

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
