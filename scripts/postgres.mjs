// A throwaway PostgreSQL cluster from Debian's binaries, for the tests and `npm run migration:new`: a temp folder,
// a free loopback port, trust authentication for the `postgres` user, UTC, C collation (SQLite's order). Never
// durable: fsync is off. PostgreSQL refuses to run as root, so as root it runs as the `postgres` user that
// Debian's package creates.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const DEBIAN_BIN = '/usr/lib/postgresql';

/** The folder of Debian's newest PostgreSQL server binaries (or PG_BIN), or null when none is installed. */
export function postgresBinDir(env = process.env) {
  if (env.PG_BIN) return existsSync(path.join(env.PG_BIN, 'initdb')) ? env.PG_BIN : null;
  if (!existsSync(DEBIAN_BIN)) return null;
  const versions = readdirSync(DEBIAN_BIN)
    .filter((version) => existsSync(path.join(DEBIAN_BIN, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(DEBIAN_BIN, versions[0], 'bin') : null;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The uid/gid to run PostgreSQL as: ourselves, or Debian's `postgres` user when we are root. */
function postgresUser() {
  if (process.getuid?.() !== 0) return null;
  const id = (flag) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const uid = id('-u');
  if (!Number.isInteger(uid) || uid <= 0) throw new Error('PostgreSQL will not run as root, and there is no `postgres` user to run it as.');
  return { uid, gid: id('-g') };
}

function runAs(user, command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...(user ?? {}), env: { ...process.env, LC_ALL: 'C' } });
  if (result.status !== 0) {
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed: ${result.stderr || result.stdout || result.error}`);
  }
  return result.stdout;
}

/**
 * Starts a cluster; `url` reaches its `postgres` database as the `postgres` superuser. `stop()` stops it and removes
 * its folder (call it in a finally).
 */
export async function startPostgres() {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed: apt-get install postgresql');
  const user = postgresUser();
  const dir = mkdtempSync(path.join(tmpdir(), 'realmgate-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, 'data');
  const port = await freePort();
  runAs(user, path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
  const options = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${dir}'`,
    '-c timezone=UTC',
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=300',
  ].join(' ');
  runAs(user, path.join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  let stopped = false;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop() {
      if (stopped) return;
      stopped = true;
      spawnSync(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], { stdio: 'ignore', ...(user ?? {}) });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `url` with another database name. */
export function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
