// What `npm run bench` and `npm run bench:http` share: pinning to one core, counting operations, printing a table.
import { spawnSync } from 'node:child_process';
import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { root } from './lib.mjs';

export const PINNED_CPU = '0';
const PINNED_ENV = 'REALMGATE_BENCH_PINNED';

export const hasTaskset = () => spawnSync('sh', ['-c', 'command -v taskset'], { stdio: 'ignore' }).status === 0;

/**
 * Runs this script again on one core (`taskset -c 0`) when taskset exists, and exits with its code; returns in the
 * pinned process (or when there is no taskset). One core: the figures compare with the single-core signature limit.
 */
export function pinToOneCore() {
  if (process.env[PINNED_ENV] || !hasTaskset()) return Boolean(process.env[PINNED_ENV]);
  const result = spawnSync('taskset', ['-c', PINNED_CPU, process.execPath, ...process.argv.slice(1)], {
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

/** Operations per second of `fn`, run for about `ms` milliseconds. */
export function opsPerSecond(fn, ms) {
  const start = performance.now();
  let count = 0;
  let elapsed = 0;
  do {
    for (let i = 0; i < 10; i += 1) fn();
    count += 10;
    elapsed = performance.now() - start;
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
