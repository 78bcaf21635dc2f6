import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type * as Postgres from '@/scripts/postgres.mjs';
import { createDatabase } from '@/test/postgres';

/**
 * Several Realmgate instances on one throwaway PostgreSQL, as README "Several instances" deploys them: one build
 * (the one Playwright's web server made), one REALMGATE_SECRET_KEY, `npm start` with REALMGATE_SKIP_BUILD=1, all
 * started at once on an empty database, behind a round-robin proxy that alternates every request between them.
 */
export type Instance = { url: string; output: () => string; process: ChildProcess };
export type Deployment = { databaseUrl: string; instances: Instance[]; proxyUrl: string; stop: () => Promise<void> };

export const METRICS_TOKEN = `metrics-${randomBytes(12).toString('hex')}`;
export const ADMIN = Object.freeze({ username: 'ops', password: 'instances test administrator' });

// Playwright runs from the project's root (npm test); import.meta is not available in its compiled tests.
const ROOT = process.cwd();

/**
 * The project's plain-Node scripts, loaded as the ES modules they are: Playwright would compile a static import of
 * them to CommonJS, which their `import.meta` does not survive.
 */
export const loadScript = <T>(name: string): Promise<T> => import(pathToFileURL(path.join(ROOT, 'scripts', name)).href) as Promise<T>;

function startInstance(port: number, env: NodeJS.ProcessEnv): Instance {
  let output = '';
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs')], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return { url: `http://127.0.0.1:${port}`, output: () => output, process: child };
}

/** A load balancer in a few lines: each request goes to the next instance, in turn, naming its client as such do. */
function startProxy(port: number, targets: Instance[]): Promise<http.Server> {
  let turn = 0;
  const server = http.createServer((request, response) => {
    const target = new URL(targets[turn++ % targets.length]?.url ?? '');
    const headers = { ...request.headers, 'x-forwarded-for': request.socket.remoteAddress ?? '' };
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: request.method, path: request.url, headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

async function waitUntilReady(instance: Instance, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (instance.process.exitCode !== null) throw new Error(`An instance exited:\n${instance.output()}`);
    const ready = await fetch(`${instance.url}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`An instance did not get ready in time:\n${instance.output()}`);
}

export async function startDeployment(count = 2): Promise<Deployment> {
  const { freePort, startPostgres, withDatabase } = await loadScript<typeof Postgres>('postgres.mjs');
  const cluster = await startPostgres();
  const instances: Instance[] = [];
  let proxy: http.Server | null = null;
  const stop = async () => {
    for (const instance of instances) instance.process.kill('SIGTERM');
    await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(null)));
    cluster.stop();
  };
  try {
    await createDatabase(cluster.url, 'realmgate');
    const databaseUrl = withDatabase(cluster.url, 'realmgate');
    const [proxyPort, ...ports] = await Promise.all(Array.from({ length: count + 1 }, () => freePort()));
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REALMGATE_SECRET_KEY: randomBytes(32).toString('base64'),
      REALMGATE_SKIP_BUILD: '1',
      REALMGATE_PUBLIC_URL: `http://127.0.0.1:${proxyPort}`,
      REALMGATE_METRICS_TOKEN: METRICS_TOKEN,
      REALMGATE_ADMIN_USERNAME: ADMIN.username,
      REALMGATE_ADMIN_PASSWORD: ADMIN.password,
      // Behind the load balancer below, which names each request's client (X-Forwarded-For): sign-in limits per
      // client address count the client, not the balancer.
      REALMGATE_TRUST_PROXY: '1',
    };
    // All at once, on the empty database.
    for (const port of ports) instances.push(startInstance(port, env));
    const deadline = Date.now() + 150_000;
    await Promise.all(instances.map((instance) => waitUntilReady(instance, deadline)));
    proxy = await startProxy(proxyPort ?? 0, instances);
    return { databaseUrl, instances, proxyUrl: `http://127.0.0.1:${proxyPort}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The sum over the instances of one metric's samples whose line starts with `prefix` (Prometheus adds them up too). */
export async function metricSum(instances: Instance[], prefix: string): Promise<number> {
  let sum = 0;
  for (const instance of instances) {
    const text = await (await fetch(`${instance.url}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    for (const line of text.split('\n')) if (line.startsWith(prefix)) sum += Number(line.split(' ').at(-1));
  }
  return sum;
}
