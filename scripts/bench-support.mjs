// What `npm run bench` and `npm run bench:http` share: pinning to one core, counting operations, printing a table.
import { spawnSync } from 'node:child_process';
import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { createServer } from 'vite';

import { root } from './lib.mjs';

export const PINNED_CPU = '0';
export const PINNED_ENV = 'REALMGATE_BENCH_PINNED';

export const hasTaskset = () => spawnSync('sh', ['-c', 'command -v taskset'], { stdio: 'ignore' }).status === 0;

/**
 * Runs this script again on one core (`taskset -c 0`) when taskset exists, and exits with its code; returns in the
 * pinned process (or when there is no taskset). One core: the figures compare with the single-core signature limit.
 */
export function pinToOneCore(cpu = PINNED_CPU) {
  if (process.env[PINNED_ENV] || !hasTaskset()) return Boolean(process.env[PINNED_ENV]);
  const result = spawnSync('taskset', ['-c', cpu, process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [PINNED_ENV]: '1' },
  });
  process.exit(result.status ?? 1);
}

/** The test IdP key of the golden files: RSA-2048, parsed once into a KeyObject, as Realmgate caches keys. */
export function fixtureKey() {
  const fixture = (name) => readFileSync(path.join(root, 'lib', 'saml', '__fixtures__', name), 'utf8');
  const keyPem = fixture('test-idp-key.pem');
  const certificateBase64 = fixture('test-idp-cert.pem').replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
  return { keyPem, key: { privateKey: createPrivateKey(keyPem), certificateBase64 } };
}

/** The physical limit: one RSA-2048 PKCS #1 v1.5 SHA-256 signature of a SignedInfo-sized text, cached KeyObject. */
export function rawRsaTask(privateKey) {
  const signedInfo = Buffer.from('x'.repeat(700));
  return () => sign('sha256', signedInfo, privateKey);
}

/** CPU time this process has used, in milliseconds (all its threads: the signer's, the garbage collector's). */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * Operations per CPU-second of `fn`, run for about `ms` milliseconds of CPU time. CPU time, not wall time: on a
 * machine shared with other work, time spent waiting for the core is not the code's; on an idle machine the two agree.
 */
export function opsPerSecond(fn, ms) {
  const start = cpuMs();
  let [count, batch, elapsed] = [0, 1, 0];
  do {
    for (let i = 0; i < batch; i += 1) fn();
    count += batch;
    elapsed = cpuMs() - start;
    // Reading the CPU clock is a system call: batches grow until it is read about 50 times per measurement.
    if (elapsed < ms / 50) batch *= 2;
  } while (elapsed < ms);
  return (count * 1000) / elapsed;
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Measures each task between two measurements of the first (raw RSA), round after round, and reports each task's
 * median operations per second and its median ratio to the raw RSA measured right before and after it: on a
 * shared, busy machine these ratios hold far better than the absolute figures.
 */
export function measureInterleaved(tasks, { rounds, ms }) {
  const [reference, ...others] = tasks;
  for (const task of tasks) opsPerSecond(task.run, Math.min(ms, 300)); // warm up: JIT, caches
  const samples = tasks.map(() => ({ hz: [], ratios: [] }));
  for (let round = 0; round < rounds; round += 1) {
    let before = opsPerSecond(reference.run, ms);
    samples[0].hz.push(before);
    others.forEach((task, index) => {
      const hz = opsPerSecond(task.run, ms);
      const after = opsPerSecond(reference.run, ms);
      samples[0].hz.push(after);
      samples[index + 1].hz.push(hz);
      samples[index + 1].ratios.push(hz / ((before + after) / 2));
      before = after;
    });
  }
  return tasks.map((task, index) => {
    const { hz, ratios } = samples[index];
    return index === 0
      ? { name: task.name, opsPerSecond: median(hz), ratio: 1, ratioMin: 1, ratioMax: 1 }
      : { name: task.name, opsPerSecond: median(hz), ratio: median(ratios), ratioMin: Math.min(...ratios), ratioMax: Math.max(...ratios) };
  });
}

/** A plain-text table: the first column left-aligned, the others right-aligned. */
export function formatTable(header, rows) {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells) =>
    cells.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export const formatNumber = (value, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The machine, as the README's performance section quotes it. */
export function describeMachine(pinned) {
  const model = os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
  const load = os.loadavg()[0].toFixed(1);
  return `Node ${process.version}, ${model}, ${os.cpus().length} cores (load ${load}), ${pinned ? `pinned to CPU ${PINNED_CPU}` : 'not pinned (no taskset)'}`;
}

/**
 * Runs `work` with TypeScript modules of the project, loaded the way vitest loads them (vite transforms them; `@/`
 * resolves, and `server-only` is the tests' stub, as outside Next nothing is a server component). The loader stays
 * open until `work` ends: Prisma's generated client imports more modules while it runs.
 */
export async function withTypeScript(modules, work) {
  const server = await createServer({
    configFile: false,
    root,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, watch: null },
    resolve: { alias: { '@': root, 'server-only': path.join(root, 'test', 'server-only-stub.ts') } },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    return await work(await Promise.all(modules.map((module) => server.ssrLoadModule(module))));
  } finally {
    await server.close();
  }
}

/**
 * The JavaScript a browser loads to show each route of the last `next build`, gzipped: the framework's main files
 * and the chunks of the route's layouts and page (its client reference manifest). Dialogs and other code loaded
 * only when used are not counted; neither are the not-found and error boundaries.
 */
export function firstLoadJavaScript() {
  const next = path.join(root, '.next');
  const { rootMainFiles } = JSON.parse(readFileSync(path.join(next, 'build-manifest.json'), 'utf8'));
  const sizes = new Map();
  const gzipped = (file) => {
    if (!sizes.has(file)) sizes.set(file, gzipSync(readFileSync(path.join(next, file))).length);
    return sizes.get(file);
  };
  const manifests = readdirSync(path.join(next, 'server', 'app'), { recursive: true }).filter((file) =>
    String(file).endsWith('page_client-reference-manifest.js'),
  );
  return manifests
    .map((file) => {
      // The manifest is a script that sets globalThis.__RSC_MANIFEST[<page>]: run it against a stand-in.
      const sandbox = { __RSC_MANIFEST: {} };
      new Function('globalThis', readFileSync(path.join(next, 'server', 'app', String(file)), 'utf8'))(sandbox);
      const [[page, manifest]] = Object.entries(sandbox.__RSC_MANIFEST);
      const segments = Object.entries(manifest.entryJSFiles).filter(([segment]) => !/not-found|global-error/.test(segment));
      const files = new Set([...rootMainFiles, ...segments.flatMap(([, chunks]) => chunks)]);
      const route = page.replace(/\/page$/, '').replace(/\/\([^)]+\)/g, '') || '/';
      return { route, bytes: [...files].reduce((total, chunk) => total + gzipped(chunk), 0) };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
}
