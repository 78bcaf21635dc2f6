// Helpers shared by the start and test scripts (plain Node, no build step).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const bin = (name) => path.join(root, 'node_modules', '.bin', name);

export const DEFAULT_DATABASE_URL = 'file:data/realmgate.db';

/** Runs a command to completion in the project root; exits the process with its code on failure. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`\n${path.basename(command)} ${args.join(' ')} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

/** Starts a long-running command; forwards SIGINT/SIGTERM to it and exits with its code. */
export function serve(command, args, options = {}) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return child;
}

/**
 * Keeps a file: database private to the user running Realmgate: it holds password hashes. From here on this
 * process and its children (migrate, next) create files owner-only (umask 077): the database's folder, made
 * here so SQLite can create the file on first start, is 0700, and the database with the -wal and -journal files
 * SQLite makes later 0600. An existing install is tightened: the project's data/ folder to 0700, the database
 * and its siblings to 0600. A folder named in DATABASE_URL elsewhere keeps its mode: it may be shared (/tmp).
 */
export function protectDatabase(url, base = root) {
  process.umask(0o077);
  if (!url.startsWith('file:')) return;
  const file = path.resolve(base, url.slice('file:'.length).replace(/^\/\//, ''));
  mkdirSync(path.dirname(file), { recursive: true });
  if (path.dirname(file) === path.join(base, 'data')) chmodSync(path.dirname(file), 0o700);
  for (const suffix of ['', '-wal', '-shm', '-journal']) if (existsSync(file + suffix)) chmodSync(file + suffix, 0o600);
}

/** Generates the Prisma client when it is missing (npm 11 may skip install scripts). */
export function ensurePrismaClient(env) {
  if (!existsSync(path.join(root, 'lib', 'generated', 'prisma', 'client.ts'))) run(bin('prisma'), ['generate'], { env });
}

export function migrate(env) {
  run(bin('prisma'), ['migrate', 'deploy'], { env });
}

const SOURCES = [
  'app',
  'components',
  'lib',
  'prisma',
  'public',
  'instrumentation.ts',
  'instrumentation-client.ts',
  'next.config.mjs',
  'package-lock.json',
  'postcss.config.mjs',
  'proxy.ts',
  'tsconfig.json',
];
const SKIP = new Set(['generated', 'node_modules']);

/** A fingerprint of every source file: the build is redone only when it changes. */
function sourceHash() {
  const hash = createHash('sha256');
  const visit = (entry) => {
    const full = path.join(root, entry);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const child of readdirSync(full).sort()) if (!SKIP.has(child)) visit(path.join(entry, child));
    } else if (!/\.test\.tsx?$/.test(entry)) {
      hash.update(entry).update(readFileSync(full));
    }
  };
  SOURCES.forEach(visit);
  return hash.digest('hex');
}

/** `next build` unless the last build is of these very sources (`npm start`, `npm run bench:http`). */
export function buildIfChanged(env) {
  const stamp = path.join(root, '.next', 'realmgate-source-hash');
  const hash = sourceHash();
  if (existsSync(path.join(root, '.next', 'BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  console.log('Building Realmgate (first start or changed sources)…');
  run(bin('next'), ['build'], { env });
  writeFileSync(stamp, hash);
}
