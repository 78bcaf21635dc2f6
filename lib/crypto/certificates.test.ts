import { generateKeyPairSync } from 'node:crypto';

import forge from 'node-forge';
import { describe, expect, test } from 'vitest';

import { type NewCertificate, generateCertificate, importPem, openPrivateKey, parseCertificatePem } from './certificates';

/** The generated key as PEM, for building test inputs: the module itself only hands out ciphertext. */
const keyPemOf = (certificate: NewCertificate) =>
  String(openPrivateKey(certificate.id, certificate.privateKeyEnc).export({ type: 'pkcs8', format: 'pem' }));

const NOW = new Date('2026-11-28T12:00:00Z');
const base = generateCertificate({ commonName: 'Realmgate Test', bits: 2048, years: 2, now: NOW });

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { fieldErrors?: Record<string, string> }).fieldErrors ?? {};
  }
  throw new Error('expected a refusal');
};

describe('generated signing certificates', () => {
  test('parse back with their subject, validity window, key size and a 128-bit serial', () => {
    const info = parseCertificatePem(base.certPem);
    expect(info).toEqual(base.info);
    expect(info.commonName).toBe('Realmgate Test');
    expect(info.subject).toBe('CN=Realmgate Test');
    expect(info.issuer).toBe('CN=Realmgate Test');
    expect(info.notBefore.toISOString()).toBe('2026-11-28T12:00:00.000Z');
    expect(info.notAfter.toISOString()).toBe('2028-11-28T12:00:00.000Z');
    expect(info.keyBits).toBe(2048);
    expect(info.serialHex).toMatch(/^[4-7][0-9a-f]{31}$/);
    expect(info.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  test('get distinct serials', () => {
    const serials = new Set(Array.from({ length: 3 }, () => generateCertificate({ commonName: 'x', bits: 2048, years: 1 }).info.serialHex));
    expect(serials.size).toBe(3);
  });

  test('are signed with SHA-256, not a CA, and limited to signing', () => {
    const cert = forge.pki.certificateFromPem(base.certPem);
    expect(cert.siginfo.algorithmOid).toBe(forge.pki.oids.sha256WithRSAEncryption);
    expect(cert.getExtension('basicConstraints')).toMatchObject({ cA: false });
    expect(cert.getExtension('keyUsage')).toMatchObject({ digitalSignature: true, keyCertSign: false });
    expect(cert.verify(cert)).toBe(true);
  });

  test('can be 3072 bits', () => {
    expect(generateCertificate({ commonName: 'big', bits: 3072, years: 1 }).info.keyBits).toBe(3072);
  });
});

describe('importing PEM', () => {
  test('accepts a certificate with its key', () => {
    const imported = importPem({ certificate: base.certPem, privateKey: keyPemOf(base), now: NOW });
    expect(imported.info.serialHex).toBe(base.info.serialHex);
    expect(imported.privateKeyEnc).toMatch(/^v1\./); // the key leaves the module encrypted only
    expect(keyPemOf(imported)).toBe(keyPemOf(base));
  });

  test('accepts a PKCS#1 "RSA PRIVATE KEY" and stores it as PKCS#8', () => {
    const pkcs1 = forge.pki.privateKeyToPem(forge.pki.privateKeyFromPem(keyPemOf(base)));
    expect(pkcs1).toContain('BEGIN RSA PRIVATE KEY');
    expect(keyPemOf(importPem({ certificate: base.certPem, privateKey: pkcs1, now: NOW }))).toBe(keyPemOf(base));
  });

  test.each<[string, () => unknown, string, RegExp]>([
    [
      'malformed PEM',
      () => importPem({ certificate: 'hello', privateKey: keyPemOf(base), now: NOW }),
      'certificate',
      /Paste a PEM certificate/,
    ],
    [
      'a PEM with a broken body',
      () =>
        importPem({ certificate: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', privateKey: keyPemOf(base), now: NOW }),
      'certificate',
      /could not be read/,
    ],
    [
      'a key that is not PEM',
      () => importPem({ certificate: base.certPem, privateKey: 'secret', now: NOW }),
      'privateKey',
      /Paste a PEM private key/,
    ],
    [
      'an encrypted key',
      () =>
        importPem({
          certificate: base.certPem,
          privateKey: '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----',
          now: NOW,
        }),
      'privateKey',
      /encrypted/,
    ],
    [
      'a key of another certificate',
      () =>
        importPem({
          certificate: base.certPem,
          privateKey: keyPemOf(generateCertificate({ commonName: 'other', bits: 2048, years: 1 })),
          now: NOW,
        }),
      'privateKey',
      /does not belong/,
    ],
    [
      'an expired certificate',
      () => {
        const old = generateCertificate({ commonName: 'old', bits: 2048, years: 1, now: new Date('2020-01-01T00:00:00Z') });
        return importPem({ certificate: old.certPem, privateKey: keyPemOf(old), now: NOW });
      },
      'certificate',
      /expired on 2021-01-01/,
    ],
    [
      'a 1024-bit key',
      () => {
        const weak = generateCertificate({ commonName: 'weak', bits: 1024, years: 1, now: NOW });
        return importPem({ certificate: weak.certPem, privateKey: keyPemOf(weak), now: NOW });
      },
      'certificate',
      /1024 bits; use at least 2048/,
    ],
    [
      'an EC key',
      () => {
        const { privateKey } = generateKeyPairSync('ec', {
          namedCurve: 'P-256',
          privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
          publicKeyEncoding: { type: 'spki', format: 'pem' },
        });
        return importPem({ certificate: base.certPem, privateKey, now: NOW });
      },
      'privateKey',
      /only unencrypted RSA keys/,
    ],
  ])('refuses %s', (_case, run, field, message) => {
    expect(errorOf(run)[field]).toMatch(message);
  });
});
