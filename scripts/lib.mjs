// Helpers shared by the start and test scripts (plain Node, no build step).
import { spawn, spawnSync } from 'node:child_process';
import { createHash, hkdfSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const bin = (name) => path.join(root, 'node_modules', '.bin', name);

export const DEFAULT_DATABASE_URL = 'file:data/realmgate.db'; // lib/database-url.ts

/** The database to use: DATABASE_URL, or the embedded SQLite file under data/. */
export function resolveDatabaseUrl(env = process.env) {
  return env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

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

/** Generates the Prisma clients (SQLite and PostgreSQL) when one is missing (npm 11 may skip install scripts). */
export function ensurePrismaClient(env) {
  const generated = (name) => existsSync(path.join(root, 'lib', 'generated', name, 'client.ts'));
  if (!generated('prisma') || !generated('prisma-pg')) run(process.execPath, [path.join(root, 'scripts', 'generate.mjs')], { env });
}

/** Whether the database is PostgreSQL (postgres:// or postgresql://), as lib/database-url.ts decides it. */
export const isPostgresUrl = (url) => /^postgres(ql)?:\/\//i.test(url);

/**
 * With PostgreSQL, several instances share one database: they must share the master key too (stored secrets, SSO
 * cookies, sign-in tokens, server actions), so a key file minted per host will not do. The reason, or null.
 */
export function missingSharedKey(env) {
  if (!isPostgresUrl(resolveDatabaseUrl(env)) || env.REALMGATE_SECRET_KEY?.trim()) return null;
  return (
    'Realmgate on PostgreSQL needs REALMGATE_SECRET_KEY (32 bytes as base64 or hex, e.g. `openssl rand -base64 32`), ' +
    'the same on every instance: a key file is made per host, and one instance could not read what another encrypted.'
  );
}

/**
 * The environment for `next build` and the server: Next's server-action encryption key derived from
 * REALMGATE_SECRET_KEY (HKDF, its own purpose), so every instance of one build, and every build of the same sources,
 * agrees on it. Without REALMGATE_SECRET_KEY (one SQLite instance) Next keeps the random key of its build.
 */
export function nextEnv(env) {
  const secret = env.REALMGATE_SECRET_KEY?.trim();
  if (!secret) return env;
  const key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'realmgate:next-server-actions', 32)).toString('base64');
  return { ...env, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key };
}

/** What the build is made of: a change in any of these means a new build. */
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

/** A fingerprint of every source file: the build ID (next.config.mjs), and the build is redone only when it changes. */
export function sourceHash(base = root) {
  const hash = createHash('sha256');
  const visit = (entry) => {
    const full = path.join(base, entry);
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

const BUILD_ID = path.join(root, '.next', 'BUILD_ID');
const BUILD_STAMP = path.join(root, '.next', 'realmgate-source-hash');

export const hasBuild = () => existsSync(BUILD_ID);

/** `next build`, unless the build in .next/ is of these very sources (`npm start`, `npm run bench:http`). */
export function buildIfChanged(env) {
  const hash = sourceHash();
  if (hasBuild() && existsSync(BUILD_STAMP) && readFileSync(BUILD_STAMP, 'utf8') === hash) return;
  console.log('Building Realmgate (first start or changed sources)…');
  run(bin('next'), ['build'], { env: nextEnv({ ...env, NODE_ENV: 'production' }) });
  writeFileSync(BUILD_STAMP, hash);
}
