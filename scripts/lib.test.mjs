import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, test } from 'vitest';

import { missingSharedKey, nextEnv, protectDatabase, sourceHash } from './lib.mjs';

const originalUmask = process.umask();
afterEach(() => {
  process.umask(originalUmask);
});

const modeOf = (file) => statSync(file).mode & 0o777;
const install = () => mkdtempSync(path.join(tmpdir(), 'realmgate-install-'));

describe('the database files', () => {
  test('are created private on first start: data/ 0700, and what SQLite creates in it later 0600', () => {
    const base = install();
    process.umask(0o022); // a usual shell's umask: the modes must come from the start script

    protectDatabase('file:data/realmgate.db', base);

    expect(modeOf(path.join(base, 'data'))).toBe(0o700);
    for (const name of ['realmgate.db', 'realmgate.db-wal', 'realmgate.db-journal']) {
      writeFileSync(path.join(base, 'data', name), ''); // as SQLite does, with the default mode 0666
      expect(modeOf(path.join(base, 'data', name))).toBe(0o600);
    }
  });

  test('of an existing install are tightened on start', () => {
    const base = install();
    const data = path.join(base, 'data');
    mkdirSync(data, { mode: 0o755 });
    chmodSync(data, 0o755);
    const files = ['realmgate.db', 'realmgate.db-wal', 'realmgate.db-shm', 'realmgate.db-journal'].map((name) => path.join(data, name));
    for (const file of files) writeFileSync(file, '', { mode: 0o644 });
    for (const file of files) chmodSync(file, 0o644);

    protectDatabase('file:data/realmgate.db', base);

    expect(modeOf(data)).toBe(0o700);
    for (const file of files) expect(modeOf(file)).toBe(0o600);
  });

  test('in a folder of its own choosing keep that folder as it is, but not the database file', () => {
    const shared = install();
    chmodSync(shared, 0o755);
    const file = path.join(shared, 'realmgate.db');
    writeFileSync(file, '', { mode: 0o644 });
    chmodSync(file, 0o644);

    protectDatabase(`file:${file}`, install());

    expect(modeOf(shared)).toBe(0o755);
    expect(modeOf(file)).toBe(0o600);
  });
});

describe('several instances', () => {
  const postgres = { DATABASE_URL: 'postgresql://realmgate@db:5432/realmgate' };
  const key = 'q6I8Hh0hH2m0m5cQx3r3XHn8dY0s4cY9Q7b7m1Vv2xU=';

  test('PostgreSQL without REALMGATE_SECRET_KEY is refused, saying why', () => {
    expect(missingSharedKey(postgres)).toMatch(/needs REALMGATE_SECRET_KEY .* a key file is made per host/);
    expect(missingSharedKey({ ...postgres, REALMGATE_SECRET_KEY: key })).toBeNull();
    expect(missingSharedKey({})).toBeNull(); // SQLite: one instance, its key file is fine
  });

  test('every instance derives the same server-action key from REALMGATE_SECRET_KEY, and it is not the key itself', () => {
    const derived = nextEnv({ REALMGATE_SECRET_KEY: key }).NEXT_SERVER_ACTIONS_ENCRYPTION_KEY;
    expect(Buffer.from(derived, 'base64')).toHaveLength(32);
    expect(nextEnv({ REALMGATE_SECRET_KEY: ` ${key}\n` }).NEXT_SERVER_ACTIONS_ENCRYPTION_KEY).toBe(derived);
    expect(derived).not.toBe(key);
    expect(nextEnv({}).NEXT_SERVER_ACTIONS_ENCRYPTION_KEY).toBeUndefined();
  });

  test('npm start refuses PostgreSQL without the shared key before doing anything', () => {
    const result = spawnSync(process.execPath, ['scripts/start.mjs'], {
      encoding: 'utf8',
      env: { ...process.env, ...postgres, REALMGATE_SECRET_KEY: '' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Realmgate cannot start: Realmgate on PostgreSQL needs REALMGATE_SECRET_KEY/);
  });

  test('the build ID comes from the sources: the same sources, the same ID on every machine', () => {
    expect(sourceHash()).toBe(sourceHash());
    expect(sourceHash()).toMatch(/^[0-9a-f]{64}$/);
  });
});
