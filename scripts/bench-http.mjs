#!/usr/bin/env node
// `npm run bench:http`: Realmgate over HTTP, as `npm start` serves it, on a throwaway database and key.
// 1. IdP-initiated SSO: a signed-in user's GET /sso/<realm> (a signed assertion and message each time) under
//    autocannon, the server pinned to CPU 0 when taskset exists (the load generator on CPU 1), next to raw RSA
//    signatures measured on the same core in the same run. Requests per second, and per CPU-second the server
//    used (on a shared machine the server waits for its core too; the ratio compares CPU with CPU).
// 2. The console with thousands of realms: server time and size of the realms list and of every realm tab page.
// 3. First-load JavaScript (gzipped) of every console route, from the build.
// 4. Sign-in under a flood: p50 of a legitimate sign-in while another address posts wrong passwords on
//    --flood-connections (50; 0: skip) connections (scripts/bench-flood.mjs), and idle.
// 5. With --soak-seconds N (600 for the ten minutes): the server's memory (RSS) over N seconds of
//    GET /sso/<realm> on 50 connections.
// A benchmark, not a test: nothing fails. Options: --seconds N (default 10), --connections N (10), --realms N
// (10000), --requests N per console page (40), --profile-server DIR (the server writes a --cpu-prof profile there).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import autocannon from 'autocannon';

import {
  PINNED_CPU,
  PINNED_ENV,
  describeMachine,
  firstLoadJavaScript,
  formatNumber,
  formatTable,
  hasTaskset,
  withTypeScript,
  median,
  pinToOneCore,
} from './bench-support.mjs';
import { measureFlood, signIn } from './bench-flood.mjs';
import { buildIfChanged, ensurePrismaClient, root } from './lib.mjs';
import { migrateDatabase } from './migrate.mjs';

const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    realms: { type: 'string', default: '10000' },
    requests: { type: 'string', default: '40' },
    'profile-server': { type: 'string' },
    'flood-connections': { type: 'string', default: '50' },
    'soak-seconds': { type: 'string', default: '0' },
  },
});
const LOAD_CPU = '1';
const canPin = hasTaskset() && os.cpus().length > 1;

if (!process.env[PINNED_ENV]) {
  ensurePrismaClient(process.env);
  buildIfChanged({ ...process.env, NODE_ENV: 'production' }); // on every core, before this script pins itself
}
// The load generator (this process) on CPU 1, the server on CPU 0: they must not share a core.
const pinned = canPin ? pinToOneCore(LOAD_CPU) : false;

const onCpu = (cpu, args) => (pinned ? ['taskset', ['-c', cpu, process.execPath, ...args]] : [process.execPath, args]);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Raw RSA-2048 signatures per CPU-second on the server's core, one round while the server is idle (scripts/bench.mjs). */
function measureRawRsa() {
  const [command, args] = onCpu(PINNED_CPU, [path.join(root, 'scripts', 'bench.mjs'), '--raw-only', '--json', '--rounds', '1']);
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, [PINNED_ENV]: '1' } });
  if (result.status !== 0) throw new Error(`raw RSA measurement failed: ${result.stderr}`);
  return JSON.parse(result.stdout).opsPerSecond;
}

async function waitForServer(base, server) {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (server.exitCode !== null) throw new Error(`the server stopped (exit ${server.exitCode})`);
    const response = await fetch(`${base}/login`).catch(() => null);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the server did not answer within 150 s');
}

/**
 * autocannon's figures over --seconds, and the ratio of requests per CPU-second of the server to raw RSA: this
 * machine's speed drifts by half within minutes, so the ratio is the median of 2-second slices, each between two
 * raw RSA measurements on the same core.
 */
async function loadSso(base, slug, cookie, pid) {
  const check = await (await fetch(`${base}/sso/${slug}`, { headers: { cookie } })).text();
  if (!check.includes('name="SAMLResponse"')) throw new Error('the SSO cookie does not give an assertion');
  const run = (duration) =>
    autocannon({ url: `${base}/sso/${slug}`, connections: Number(options.connections), duration, headers: { cookie } });
  const perCpuSecond = async (duration) => {
    const cpu = serverCpuMs(pid);
    const result = await run(duration);
    return { result, perCpuSecond: (result.requests.total * 1000) / (serverCpuMs(pid) - cpu) };
  };
  await run(2); // warm-up: JIT, caches
  const whole = await perCpuSecond(Number(options.seconds));
  const slices = [];
  let rawBefore = measureRawRsa();
  for (let slice = 0; slice < 5; slice += 1) {
    const { perCpuSecond: served } = await perCpuSecond(2);
    const rawAfter = measureRawRsa();
    slices.push({ raw: (rawBefore + rawAfter) / 2, ratio: served / ((rawBefore + rawAfter) / 2) });
    rawBefore = rawAfter;
  }
  const ratios = slices.map((slice) => slice.ratio);
  return {
    ...whole.result,
    perCpuSecond: whole.perCpuSecond,
    raw: median(slices.map((slice) => slice.raw)),
    ratio: median(ratios),
    ratioRange: [Math.min(...ratios), Math.max(...ratios)],
  };
}

/**
 * CPU time the server process has used so far, in milliseconds, all its threads (Linux's schedstat, nanoseconds):
 * on a shared machine, a request's wall time includes waiting for a core; its CPU time does not.
 */
function serverCpuMs(pid) {
  try {
    const tasks = readdirSync(`/proc/${pid}/task`);
    return tasks.reduce(
      (total, task) => total + Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]) / 1e6,
      0,
    );
  } catch {
    return Number.NaN; // not Linux
  }
}

/** The server's resident memory, in MiB (Linux). */
function serverRssMib(pid) {
  const kib = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kib) / 1024;
}

/**
 * The server's RSS over `seconds` of GET /sso/<realm> on 50 connections, sampled each second. Under load it rises and
 * falls back with each full garbage collection; its floor (the lowest RSS of the first and of the last minute) says
 * whether memory is kept, the highest how much a machine must have.
 */
async function soak(base, slug, cookie, pid, seconds) {
  const samples = [];
  const sampler = setInterval(() => samples.push(serverRssMib(pid)), 1000);
  try {
    const result = await autocannon({ url: `${base}/sso/${slug}`, connections: 50, duration: seconds, headers: { cookie } });
    const minute = Math.min(60, Math.floor(samples.length / 2));
    return {
      firstFloor: Math.min(...samples.slice(0, minute)),
      lastFloor: Math.min(...samples.slice(-minute)),
      highest: Math.max(...samples),
      requests: result.requests.total,
      p99: result.latency.p99,
    };
  } finally {
    clearInterval(sampler);
  }
}

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * p) - 1];

/** Sequential requests to a console page: wall time and the server's CPU time per request, and the page size. */
async function timePage(base, pathname, cookie, pid, requests) {
  const get = async () => {
    const [start, cpu] = [performance.now(), serverCpuMs(pid)];
    const response = await fetch(`${base}${pathname}`, { headers: { cookie } });
    const body = await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${pathname} answered ${response.status}`);
    return { ms: performance.now() - start, cpu: serverCpuMs(pid) - cpu, bytes: body.byteLength };
  };
  const samples = [];
  for (let i = 0; i < requests; i += 1) samples.push(await get());
  const [wall, cpu] = [samples.map((sample) => sample.ms), samples.map((sample) => sample.cpu)];
  return {
    pathname,
    p50: median(wall),
    p95: percentile(wall, 0.95),
    cpu50: median(cpu),
    cpu95: percentile(cpu, 0.95),
    bytes: samples[0].bytes,
  };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'realmgate-bench-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  NODE_ENV: 'production',
  PORT: String(port),
  HOST: '127.0.0.1',
  DATABASE_URL: `file:${path.join(dir, 'bench.db')}`,
  REALMGATE_KEY_FILE: path.join(dir, 'secret.key'),
  // The bench's clients name their address in X-Forwarded-For: the flood comes from one, legitimate users from others.
  REALMGATE_TRUST_PROXY: '1',
};
let server = null;
try {
  await migrateDatabase(env.DATABASE_URL, { log: () => {} });
  Object.assign(process.env, { DATABASE_URL: env.DATABASE_URL, REALMGATE_KEY_FILE: env.REALMGATE_KEY_FILE });
  console.log(`Seeding ${formatNumber(Number(options.realms))} realms…`);
  const { seeded, user } = await withTypeScript(['/test/bench-seed.ts'], async ([{ seedBench, BENCH_USER }]) => ({
    seeded: await seedBench(Number(options.realms)),
    user: BENCH_USER,
  }));

  const profile = options['profile-server'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options['profile-server'])}`] : [];
  const [command, args] = onCpu(PINNED_CPU, [...profile, path.join(root, 'scripts', 'server.mjs')]);
  server = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  await waitForServer(base, server);

  const ssoCookie = await signIn(base, seeded.ssoSlug, user);
  const load = await loadSso(base, seeded.ssoSlug, ssoCookie, server.pid);
  const soakSeconds = Number(options['soak-seconds']);
  const soaked = soakSeconds > 0 ? await soak(base, seeded.ssoSlug, ssoCookie, server.pid, soakSeconds) : null;

  const floodConnections = Number(options['flood-connections']);
  const flood = floodConnections > 0 ? await measureFlood(base, seeded.ssoSlug, user, { connections: floodConnections }) : null;

  const adminCookie = `${seeded.adminCookie.name}=${seeded.adminCookie.value}`;
  const realm = (tab) => `/realms/${seeded.sampleRealmId}/${tab}`;
  const pages = [
    '/realms',
    '/realms?page=100',
    '/realms?q=bench+realm+0777',
    '/realms?redirect=saml-idp-initiated',
    ...['overview', 'data', 'workflow', 'multi-factor-methods', 'post-authentication', 'history'].map(realm),
  ];
  // Warm-up: every page five times before any is timed, so that no page's figures carry the JIT compiling the code
  // all console pages share (the first page timed used to).
  for (let round = 0; round < 5; round += 1) for (const pathname of pages) await timePage(base, pathname, adminCookie, server.pid, 1);
  const consolePages = [];
  for (const pathname of pages) consolePages.push(await timePage(base, pathname, adminCookie, server.pid, Number(options.requests)));

  console.log(`\nRealmgate bench:http: ${describeMachine(pinned)} (server on CPU ${PINNED_CPU}, load on CPU ${LOAD_CPU})\n`);
  console.log(`GET /sso/<realm>, signed-in user, assertion and message signed: ${options.connections} connections, ${options.seconds} s`);
  console.log(
    formatTable(
      ['', 'per second (wall)', 'per CPU-second', 'ratio to raw RSA (CPU; min–max of 5 slices)', 'p50', 'p99', 'errors'],
      [
        ['raw crypto.sign, RSA-2048 KeyObject (same core)', '', formatNumber(load.raw), '1', '', '', ''],
        [
          'GET /sso/<realm>',
          formatNumber(load.requests.average),
          formatNumber(load.perCpuSecond),
          `${formatNumber(load.ratio, 3)} (${load.ratioRange.map((ratio) => formatNumber(ratio, 3)).join('–')})`,
          `${load.latency.p50} ms`,
          `${load.latency.p99} ms`,
          String(load.errors + load.non2xx),
        ],
      ],
    ),
  );
  if (soaked) {
    console.log(
      `\nMemory over ${formatNumber(soakSeconds)} s of GET /sso/<realm> on 50 connections (${formatNumber(soaked.requests)} requests, p99 ${soaked.p99} ms):`,
    );
    console.log(
      `RSS floor ${formatNumber(soaked.firstFloor)} MiB in the first minute, ${formatNumber(soaked.lastFloor)} MiB in the last: growth ${formatNumber(soaked.lastFloor - soaked.firstFloor)} MiB; highest ${formatNumber(soaked.highest)} MiB`,
    );
  }
  if (flood) {
    console.log(`\nA legitimate sign-in (every page, password hashed), p50: idle ${formatNumber(flood.idle)} ms; during a`);
    console.log(
      `${floodConnections}-connection wrong-password flood from one address ${formatNumber(flood.during)} ms (flood answers: ${JSON.stringify(flood.floodStatuses)})`,
    );
  }
  console.log(`\nConsole with ${formatNumber(Number(options.realms))} realms: ${options.requests} requests each, one at a time`);
  console.log(
    formatTable(
      ['page', 'wall p50', 'wall p95', 'server CPU p50', 'server CPU p95', 'size'],
      consolePages.map((page) => [
        page.pathname.replace(seeded.sampleRealmId, '<id>'),
        `${formatNumber(page.p50, 1)} ms`,
        `${formatNumber(page.p95, 1)} ms`,
        `${formatNumber(page.cpu50, 1)} ms`,
        `${formatNumber(page.cpu95, 1)} ms`,
        `${formatNumber(page.bytes / 1024, 1)} kB`,
      ]),
    ),
  );
  console.log('\nFirst-load JavaScript per route (gzipped)');
  console.log(
    formatTable(
      ['route', 'kB'],
      firstLoadJavaScript().map(({ route, bytes }) => [route, formatNumber(bytes / 1024, 1)]),
    ),
  );
} finally {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve)); // a profile is written as it exits
  }
  rmSync(dir, { recursive: true, force: true });
}
