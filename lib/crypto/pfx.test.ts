import { Worker } from 'node:worker_threads';

import { afterEach, describe, expect, test, vi } from 'vitest';

import { OPENSSL_PFX, buildPfx, withIterations } from '@/test/pfx';

import { generateCertificate, importPfx, openPrivateKey } from './certificates';
import { PFX_TIME_LIMIT_MS } from './pfx';

const NOW = new Date('2026-11-28T12:00:00Z');
const base = generateCertificate({ commonName: 'Realmgate PFX Test', bits: 2048, years: 2, now: NOW });
const keyPem = String(openPrivateKey(base.id, base.privateKeyEnc).export({ type: 'pkcs8', format: 'pem' }));
const OTHER = generateCertificate({ commonName: 'Another key', bits: 2048, years: 2, now: NOW });

/** A refusal of `field` whose message matches. */
const refusal = (field: string, message: RegExp) => ({ fieldErrors: { [field]: expect.stringMatching(message) } });

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('importing PKCS#12 (PFX)', () => {
  test.each(['aes256', '3des'] as const)('accepts a PFX protected with %s and its password', async (algorithm) => {
    const imported = await importPfx({ pfx: buildPfx([base.certPem], keyPem, 'pfx-pass', { algorithm }), password: 'pfx-pass', now: NOW });
    expect(imported.info.serialHex).toBe(base.info.serialHex);
  });

  test('picks the certificate of the key from a chain, wherever it stands', async () => {
    const imported = await importPfx({ pfx: buildPfx([OTHER.certPem, base.certPem], keyPem, 'p'), password: 'p', now: NOW });
    expect(imported.info.serialHex).toBe(base.info.serialHex);
  });

  test("accepts OpenSSL 3's default export, whose certificate sits in encrypted SafeContents", async () => {
    const imported = await importPfx({ pfx: OPENSSL_PFX.file, password: OPENSSL_PFX.password, now: NOW });
    expect(imported.info.serialHex).toBe(OPENSSL_PFX.serialHex);
  });

  test.each<[string, () => Promise<unknown>, string, RegExp]>([
    [
      'a wrong password',
      () => importPfx({ pfx: buildPfx([base.certPem], keyPem, 'right'), password: 'wrong', now: NOW }),
      'password',
      /password is wrong/,
    ],
    ['a file that is not PKCS#12', () => importPfx({ pfx: Buffer.from(base.certPem), password: '', now: NOW }), 'pfx', /could not be read/],
    [
      'a file without a key',
      () => importPfx({ pfx: buildPfx([base.certPem], null, 'p'), password: 'p', now: NOW }),
      'pfx',
      /no RSA private key/,
    ],
    ['a file without a certificate', () => importPfx({ pfx: buildPfx([], keyPem, 'p'), password: 'p', now: NOW }), 'pfx', /no certificate/],
    [
      "a key that is not the certificate's",
      () => importPfx({ pfx: buildPfx([OTHER.certPem], keyPem, 'p'), password: 'p', now: NOW }),
      'privateKey',
      /does not belong/,
    ],
    [
      'an expired certificate',
      () => {
        const old = generateCertificate({ commonName: 'old', bits: 2048, years: 1, now: new Date('2020-01-01T00:00:00Z') });
        const oldKey = String(openPrivateKey(old.id, old.privateKeyEnc).export({ type: 'pkcs8', format: 'pem' }));
        return importPfx({ pfx: buildPfx([old.certPem], oldKey, 'p'), password: 'p', now: NOW });
      },
      'pfx',
      /expired/,
    ],
  ])('refuses %s', async (_case, run, field, message) => {
    await expect(run()).rejects.toMatchObject(refusal(field, message));
  });
});

describe('a hostile PFX', () => {
  // Patched counts, nothing decrypted with them: without the check, forge would spend 25 s or more on each.
  test.each<[string, { mac?: number; keyBags?: number; encryptedData?: number }]>([
    ['the MAC', { mac: 2_000_000 }],
    ['the shrouded key bag', { keyBags: 2_000_000 }],
    ['the encrypted SafeContents', { encryptedData: 2_000_000 }],
  ])('asking for 2,000,000 iterations in %s is refused before anything is decrypted', async (_case, counts) => {
    const pfx = withIterations(OPENSSL_PFX.file, counts);
    await expect(importPfx({ pfx, password: OPENSSL_PFX.password, now: NOW })).rejects.toMatchObject(
      refusal('pfx', /asks for 2,000,000 key-derivation iterations\. Export it again with at most 100,000/),
    );
  });

  test('100,000 iterations pass the check; 100,001 do not', async () => {
    // The patched file's MAC no longer matches: refused for that, after the iteration check let it through.
    const at = (count: number) =>
      importPfx({ pfx: withIterations(OPENSSL_PFX.file, { encryptedData: count }), password: OPENSSL_PFX.password });
    await expect(at(100_000)).rejects.toMatchObject(refusal('password', /password is wrong/));
    await expect(at(100_001)).rejects.toMatchObject(refusal('pfx', /asks for 100,001 key-derivation iterations/));
  });

  test('is decoded in a worker that is stopped after the time limit, with a message', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    const pending = importPfx({ pfx: OPENSSL_PFX.file, password: OPENSSL_PFX.password, now: NOW });
    // The request thread is free meanwhile: its timers run while the worker decodes.
    vi.advanceTimersByTime(PFX_TIME_LIMIT_MS);
    await expect(pending).rejects.toMatchObject(refusal('pfx', /took longer than 10 seconds and was stopped/));
    expect(terminate).toHaveBeenCalledOnce();
  });

  test('waits its turn: a second file while one is being read is refused', async () => {
    const first = importPfx({ pfx: OPENSSL_PFX.file, password: OPENSSL_PFX.password, now: NOW });
    await expect(importPfx({ pfx: OPENSSL_PFX.file, password: OPENSSL_PFX.password, now: NOW })).rejects.toMatchObject(
      refusal('pfx', /Another PFX file is being read right now/),
    );
    expect((await first).info.serialHex).toBe(OPENSSL_PFX.serialHex);
    expect((await importPfx({ pfx: OPENSSL_PFX.file, password: OPENSSL_PFX.password, now: NOW })).info.serialHex).toBe(
      OPENSSL_PFX.serialHex,
    );
  });
});
