import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string; sent: number };

type RawRequest = {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send a body without a length, 64 KB at a time, until the response arrives (at most this many bytes). */
  endlessUpTo?: number;
  /** Declare this Content-Length but send only the first chunk, then wait for the answer. */
  declaredLength?: number;
};

/**
 * One HTTP request with what a browser or Playwright's request fixture would not send: any method (TRACE), any
 * Host, a chunked body that never ends, a length the body never reaches. `sent` says how many body bytes went out
 * before the response came back.
 */
export function rawRequest(baseURL: string | undefined, request: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(baseURL ?? 'the baseURL of playwright.config.ts');
  const headers = { ...request.headers };
  if (request.declaredLength !== undefined) headers['Content-Length'] = String(request.declaredLength);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const outgoing = http.request({ hostname, port, method: request.method ?? 'GET', path: request.path, headers });
    outgoing.on('error', (error) => (answered ? undefined : reject(error)));
    outgoing.on('response', (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8'), sent });
        outgoing.destroy();
      });
    });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = () => {
      while (!answered && sent < (request.endlessUpTo ?? 0)) {
        sent += chunk.length;
        if (!outgoing.write(chunk)) return void outgoing.once('drain', pump);
      }
      if (!answered) outgoing.end();
    };
    if (request.endlessUpTo !== undefined) return pump();
    if (request.declaredLength !== undefined) return void outgoing.write(chunk, () => (sent = chunk.length));
    if (request.body !== undefined) sent = Buffer.byteLength(request.body);
    outgoing.end(request.body);
  });
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A second Realmgate server (scripts/server.mjs) on the build and database the e2e run already made, with its own
 * settings: for behaviour that depends on them (REALMGATE_PUBLIC_URL on https, a proxy in front).
 */
export async function startServer(settings: Record<string, string>): Promise<{ baseURL: string; stop: () => void }> {
  const dir = process.env.REALMGATE_E2E_DIR ?? '';
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join('scripts', 'server.mjs')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${path.join(dir, 'e2e.db')}`,
      REALMGATE_KEY_FILE: path.join(dir, 'secret.key'),
      ...settings,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (data: Buffer) => (data.toString().includes('listening on') ? resolve() : undefined));
    child.once('exit', (code) => reject(new Error(`scripts/server.mjs exited with ${code}`)));
  });
  return { baseURL: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}
