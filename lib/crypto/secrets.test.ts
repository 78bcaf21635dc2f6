import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

import { decryptSecret, encryptSecret, macOf, resetMasterKeyCache } from './secrets';

const CONTEXT = 'realm:r1:smtpPassword';

/** Changes one bit of one dot-separated part of a stored secret. */
function tamper(stored: string, part: number): string {
  const parts = stored.split('.');
  const bytes = Buffer.from(parts[part] ?? '', 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

const originalUmask = process.umask();

beforeEach(() => {
  resetMasterKeyCache();
});

afterEach(() => {
  vi.unstubAllEnvs();
  process.umask(originalUmask);
  resetMasterKeyCache();
});

describe('secrets', () => {
  test.each([
    ['a password', 'S3cret!'],
    ['an empty string', ''],
    ['non-ASCII text', 'pässwörd 🔑 パスワード'],
    ['a PEM private key', `-----BEGIN PRIVATE KEY-----\n${randomBytes(48).toString('base64')}\n-----END PRIVATE KEY-----\n`],
  ])('decrypt what they encrypt: %s', (_case, plaintext) => {
    expect(decryptSecret(encryptSecret(plaintext, CONTEXT), CONTEXT)).toBe(plaintext);
  });

  test('never store the plaintext', () => {
    const stored = encryptSecret('S3cret!', CONTEXT);
    expect(stored).not.toContain('S3cret!');
    expect(stored).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  test('encrypt the same plaintext differently each time', () => {
    const first = encryptSecret('S3cret!', CONTEXT);
    const second = encryptSecret('S3cret!', CONTEXT);
    expect(first).not.toBe(second);
    expect(first.split('.')[1]).not.toBe(second.split('.')[1]);
    expect(decryptSecret(second, CONTEXT)).toBe('S3cret!');
  });

  test.each([
    ['another column', 'realm:r1:ldapPassword'],
    ['another realm', 'realm:r2:smtpPassword'],
    ['an empty context', ''],
  ])('refuse a ciphertext copied to %s', (_case, context) => {
    const stored = encryptSecret('S3cret!', CONTEXT);
    expect(() => decryptSecret(stored, context)).toThrow(/authenticate/);
  });

  test.each([
    ['the IV', 1],
    ['the authentication tag', 2],
    ['the ciphertext', 3],
  ])('refuse a ciphertext with a tampered %s', (_case, part) => {
    const stored = encryptSecret('S3cret!', CONTEXT);
    expect(() => decryptSecret(tamper(stored, part), CONTEXT)).toThrow(/authenticate/);
  });

  test.each([
    ['4 bytes', 4],
    ['12 bytes', 12],
    ['15 bytes', 15],
  ])('refuse an authentication tag cut to %s (only the full 16 bytes authenticate)', (_case, length) => {
    const stored = encryptSecret('S3cret!', CONTEXT);
    const parts = stored.split('.');
    parts[2] = Buffer.from(parts[2] ?? '', 'base64url')
      .subarray(0, length)
      .toString('base64url');
    expect(() => decryptSecret(parts.join('.'), CONTEXT)).toThrow(/Invalid authentication tag length/);
  });

  test.each([
    ['an unknown version', (stored: string) => stored.replace(/^v1\./, 'v2.')],
    ['a missing part', (stored: string) => stored.split('.').slice(0, 3).join('.')],
    ['a plaintext password', () => 'S3cret!'],
  ])('refuse %s', (_case, change) => {
    const stored = encryptSecret('S3cret!', CONTEXT);
    expect(() => decryptSecret(change(stored), CONTEXT)).toThrow(/Unknown secret format/);
  });
});

/** The key-file case: SQLite and no REALMGATE_SECRET_KEY (the tests may run on PostgreSQL with a key). */
function useKeyFile(file: string) {
  vi.stubEnv('REALMGATE_SECRET_KEY', '');
  vi.stubEnv('DATABASE_URL', `file:${path.join(path.dirname(file), 'test.db')}`);
  vi.stubEnv('REALMGATE_KEY_FILE', file);
}

describe('master key', () => {
  test('is created as a key file with mode 0600 on first use', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'realmgate-key-')), 'nested', 'secret.key');
    useKeyFile(file);
    expect(existsSync(file)).toBe(false);

    // A permissive umask (restored after each test), so the mode comes from the code, not the environment.
    process.umask(0);
    const stored = encryptSecret('S3cret!', CONTEXT);

    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
    resetMasterKeyCache();
    expect(decryptSecret(stored, CONTEXT)).toBe('S3cret!');
  });

  test('tightens an existing key file to mode 0600', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'realmgate-key-')), 'secret.key');
    writeFileSync(file, randomBytes(32).toString('hex'));
    chmodSync(file, 0o644);
    useKeyFile(file);

    encryptSecret('S3cret!', CONTEXT);

    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  test('refuses a key file that does not hold 32 bytes', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'realmgate-key-')), 'secret.key');
    writeFileSync(file, randomBytes(16).toString('base64'), { mode: 0o600 });
    useKeyFile(file);

    expect(() => encryptSecret('S3cret!', CONTEXT)).toThrow(/must hold 32 bytes as 64 hex characters or base64 \(found 16 bytes/);
  });

  test('is required with PostgreSQL: a key file would be per host, and instances could not read each other', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'realmgate-key-')), 'secret.key');
    useKeyFile(file);
    vi.stubEnv('DATABASE_URL', 'postgresql://realmgate@127.0.0.1:5432/realmgate');

    expect(() => encryptSecret('S3cret!', CONTEXT)).toThrow(/REALMGATE_SECRET_KEY is required with PostgreSQL/);
    expect(existsSync(file)).toBe(false);
  });

  test.each([
    ['base64', randomBytes(32).toString('base64')],
    ['hex', randomBytes(32).toString('hex')],
  ])('is read from REALMGATE_SECRET_KEY as %s', (_case, key) => {
    vi.stubEnv('REALMGATE_SECRET_KEY', key);
    const stored = encryptSecret('S3cret!', CONTEXT);

    vi.stubEnv('REALMGATE_SECRET_KEY', randomBytes(32).toString('base64'));
    resetMasterKeyCache();
    expect(() => decryptSecret(stored, CONTEXT)).toThrow(/authenticate/);

    vi.stubEnv('REALMGATE_SECRET_KEY', key);
    resetMasterKeyCache();
    expect(decryptSecret(stored, CONTEXT)).toBe('S3cret!');
  });

  test.each([
    ['16 bytes as base64', randomBytes(16).toString('base64'), /\(found 16 bytes as base64\)/],
    ['33 bytes as base64', randomBytes(33).toString('base64'), /\(found 33 bytes as base64\)/],
    ['31 bytes as hex', randomBytes(31).toString('hex'), /\(found 31 bytes as hex\)/],
    ['an empty value of spaces', '   ', /\(found 0 bytes as base64\)/],
  ])('refuses a REALMGATE_SECRET_KEY of %s', (_case, key, found) => {
    vi.stubEnv('REALMGATE_SECRET_KEY', key);
    expect(() => encryptSecret('S3cret!', CONTEXT)).toThrow(/REALMGATE_SECRET_KEY must hold 32 bytes as 64 hex characters or base64/);
    expect(() => encryptSecret('S3cret!', CONTEXT)).toThrow(found);
  });

  test('is kept in memory until the cache is reset', () => {
    vi.stubEnv('REALMGATE_SECRET_KEY', randomBytes(32).toString('base64'));
    const stored = encryptSecret('S3cret!', CONTEXT);

    vi.stubEnv('REALMGATE_SECRET_KEY', randomBytes(32).toString('base64'));
    expect(decryptSecret(stored, CONTEXT)).toBe('S3cret!');
  });
});

describe('purpose keys', () => {
  const data = Buffer.from('realm-1');

  test('are derived from the master key with HKDF, one per purpose, never the master key itself', () => {
    const master = randomBytes(32);
    vi.stubEnv('REALMGATE_SECRET_KEY', master.toString('base64'));
    const derived = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'realmgate:sign-in-csrf', 32));

    expect(macOf('sign-in-csrf', data)).toEqual(createHmac('sha256', derived).update(data).digest());
    expect(macOf('sign-in-csrf', data)).not.toEqual(createHmac('sha256', master).update(data).digest());
    expect(macOf('another-purpose', data)).not.toEqual(macOf('sign-in-csrf', data));
  });

  test('change with the master key', () => {
    vi.stubEnv('REALMGATE_SECRET_KEY', randomBytes(32).toString('base64'));
    const first = macOf('sign-in-csrf', data);
    vi.stubEnv('REALMGATE_SECRET_KEY', randomBytes(32).toString('base64'));
    resetMasterKeyCache();
    expect(macOf('sign-in-csrf', data)).not.toEqual(first);
  });
});
