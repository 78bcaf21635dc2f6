// Helpers shared by the start and test scripts (plain Node, no build step).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
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

/** Creates the folder of a file: database URL so SQLite can create the file on first start. */
export function ensureDatabaseFolder(url) {
  if (!url.startsWith('file:')) return;
  const file = url.slice('file:'.length).replace(/^\/\//, '');
  mkdirSync(path.dirname(path.resolve(root, file)), { recursive: true });
}

/** Generates the Prisma client when it is missing (npm 11 may skip install scripts). */
export function ensurePrismaClient(env) {
  if (!existsSync(path.join(root, 'lib', 'generated', 'prisma', 'client.ts'))) run(bin('prisma'), ['generate'], { env });
}

export function migrate(env) {
  run(bin('prisma'), ['migrate', 'deploy'], { env });
}
