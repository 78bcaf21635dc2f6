import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, test } from 'vitest';

import { protectDatabase } from './lib.mjs';

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
