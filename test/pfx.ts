// PKCS#12 (PFX) files for the certificate import tests (vitest and Playwright).
import { readFileSync } from 'node:fs';
import path from 'node:path';

import forge from 'node-forge';

const { asn1, pki } = forge;

/** OpenSSL 3's `pkcs12 -export` with its defaults (AES-256 PBES2, 2,048 iterations, SHA-256 MAC), of lib/saml's fixture pair. */
export const OPENSSL_PFX = {
  // Relative to the project root, where vitest and Playwright both run (no import.meta: Playwright loads CommonJS).
  file: readFileSync(path.resolve(process.cwd(), 'lib', 'crypto', '__fixtures__', 'openssl3-default.pfx')),
  password: 'fixture-pass',
  serialHex: '5f070ff8dcad78bb914fedad0d2560fd',
};

/** A PFX as node-forge writes it: certificates in plain SafeContents, key in a shrouded bag, both with `count` iterations. */
export function buildPfx(
  certPems: string[],
  keyPem: string | null,
  password: string,
  options: { algorithm?: '3des' | 'aes256'; count?: number } = {},
) {
  const { algorithm = 'aes256', count = 2048 } = options;
  const key = keyPem === null ? null : pki.privateKeyFromPem(keyPem);
  const certificates = certPems.map((pem) => pki.certificateFromPem(pem));
  // Without a certificate, forge cannot derive the key's localKeyId from it: leave the attribute out.
  const p12 = forge.pkcs12.toPkcs12Asn1(key, certificates, password, { algorithm, count, generateLocalKeyId: certificates.length > 0 });
  return Buffer.from(asn1.toDer(p12).getBytes(), 'binary');
}

/** The child at `path` below `node`, or a test failure: these files have a shape the test knows. */
function at(node: forge.asn1.Asn1, ...indexes: number[]): forge.asn1.Asn1 {
  return indexes.reduce((current, index) => {
    const child = Array.isArray(current.value) ? current.value[index] : undefined;
    if (!child) throw new Error(`PFX fixture: no ASN.1 child ${index}`);
    return child;
  }, node);
}

const bytesOf = (node: forge.asn1.Asn1) => (typeof node.value === 'string' ? node.value : '');
const oidOf = (node: forge.asn1.Asn1) => asn1.derToOid(bytesOf(node));
const integer = (value: number) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(value).getBytes());

/** Writes `count` into a password-based encryption AlgorithmIdentifier (PBES2's PBKDF2 parameters, or PKCS#12 PBE's). */
function setPbeIterations(algorithm: forge.asn1.Asn1, count: number) {
  // Both keep the count second: PBKDF2-params { salt, iterationCount, … }, pkcs-12PbeParams { salt, iterations }.
  const params = oidOf(at(algorithm, 0)) === pki.oids.pkcs5PBES2 ? at(algorithm, 1, 0, 1) : at(algorithm, 1);
  (params.value as forge.asn1.Asn1[])[1] = integer(count);
}

/**
 * The same file with other iteration counts written into its ASN.1, nothing re-encrypted and the MAC left as
 * it was: what a hostile file looks like to a reader that checks the counts before decrypting anything.
 */
export function withIterations(pfx: Uint8Array, counts: { mac?: number; keyBags?: number; encryptedData?: number }): Buffer {
  const root = asn1.fromDer(Buffer.from(pfx).toString('binary'));
  if (counts.mac !== undefined) (at(root, 2).value as forge.asn1.Asn1[])[2] = integer(counts.mac);
  const authSafe = at(root, 1, 1, 0);
  const contents = asn1.fromDer(bytesOf(authSafe));
  for (const contentInfo of contents.value as forge.asn1.Asn1[]) {
    const type = oidOf(at(contentInfo, 0));
    if (type === pki.oids.encryptedData && counts.encryptedData !== undefined) {
      setPbeIterations(at(contentInfo, 1, 0, 1, 1), counts.encryptedData);
    }
    if (type === pki.oids.data && counts.keyBags !== undefined) {
      const safeContents = at(contentInfo, 1, 0);
      const bags = asn1.fromDer(bytesOf(safeContents));
      for (const bag of bags.value as forge.asn1.Asn1[]) {
        if (oidOf(at(bag, 0)) === pki.oids.pkcs8ShroudedKeyBag) setPbeIterations(at(bag, 1, 0, 0), counts.keyBags);
      }
      safeContents.value = asn1.toDer(bags).getBytes();
    }
  }
  authSafe.value = asn1.toDer(contents).getBytes();
  return Buffer.from(asn1.toDer(root).getBytes(), 'binary');
}
