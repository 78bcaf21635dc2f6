import 'server-only';

import { type KeyObject, createHash, createPrivateKey, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';

import forge from 'node-forge';

import { decodePfx } from '@/lib/crypto/pfx';
import { decryptSecret, encryptSecret } from '@/lib/crypto/secrets';
import { ValidationError } from '@/lib/errors';

/**
 * Signing certificates: generate, parse PEM, import PEM or PKCS#12, describe. The only user of node-forge
 * (STYLE §5). Private keys leave this module only encrypted (lib/crypto/secrets.ts), bound to the
 * certificate's id; openPrivateKey turns them into a KeyObject for signing.
 */

export type CertificateInfo = {
  /** Lower-case hex without separators, as the Signing Cert Serial Number field shows it. */
  serialHex: string;
  subject: string;
  issuer: string;
  commonName: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the DER encoding, upper-case hex pairs joined by colons. */
  fingerprintSha256: string;
  keyBits: number;
};

/** A certificate ready to store: its id, PEM, description and encrypted private key. */
export type NewCertificate = { id: string; certPem: string; info: CertificateInfo; privateKeyEnc: string };

const keyContext = (certificateId: string) => `certificate:${certificateId}:privateKey`;

function seal(certPem: string, keyPem: string, info: CertificateInfo): NewCertificate {
  const id = randomUUID();
  return { id, certPem, info, privateKeyEnc: encryptSecret(keyPem, keyContext(id)) };
}

/** The private key of a stored certificate, decrypted into a KeyObject for node:crypto signing. */
export function openPrivateKey(certificateId: string, privateKeyEnc: string): KeyObject {
  return createPrivateKey(decryptSecret(privateKeyEnc, keyContext(certificateId)));
}

export const MIN_KEY_BITS = 2048;

const formatName = (attributes: forge.pki.CertificateField[]) =>
  attributes.map((attribute) => `${attribute.shortName ?? attribute.name}=${String(attribute.value)}`).join(', ');

function describe(cert: forge.pki.Certificate): CertificateInfo {
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
  const fingerprint = createHash('sha256').update(Buffer.from(der, 'binary')).digest('hex').toUpperCase();
  const publicKey = cert.publicKey as forge.pki.rsa.PublicKey;
  return {
    serialHex: cert.serialNumber.toLowerCase().replace(/^0+(?=.)/, ''),
    subject: formatName(cert.subject.attributes),
    issuer: formatName(cert.issuer.attributes),
    commonName: String(cert.subject.getField('CN')?.value ?? ''),
    notBefore: cert.validity.notBefore,
    notAfter: cert.validity.notAfter,
    fingerprintSha256: fingerprint.match(/../g)?.join(':') ?? fingerprint,
    keyBits: publicKey.n.bitLength(),
  };
}

/** A positive serial of 16 random bytes (RFC 5280 §4.1.2.2: at most 20 octets, positive). */
function randomSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40; // positive, and no leading zero byte to be dropped
  return bytes.toString('hex');
}

/** A self-signed RSA signing certificate: SHA-256 signature, explicit key usage, not a CA. */
export function generateCertificate(options: { commonName: string; bits: number; years: number; now?: Date }): NewCertificate {
  const now = options.now ?? new Date();
  // Node generates the key natively (a 3072-bit key in pure JS takes many seconds); forge builds the certificate.
  const { privateKey: keyPem } = generateKeyPairSync('rsa', {
    modulusLength: options.bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const privateKey = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(privateKey.n, privateKey.e);
  cert.serialNumber = randomSerialHex();
  cert.validity.notBefore = new Date(now.getTime());
  cert.validity.notAfter = new Date(now.getTime());
  cert.validity.notAfter.setUTCFullYear(now.getUTCFullYear() + options.years);
  const name = [{ name: 'commonName', value: options.commonName }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(privateKey, forge.md.sha256.create());
  return seal(forge.pki.certificateToPem(cert), keyPem, describe(cert));
}

function readCertificate(pem: string, field: string): forge.pki.Certificate {
  if (!/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(pem)) {
    throw new ValidationError({ [field]: 'Paste a PEM certificate: -----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----' });
  }
  try {
    return forge.pki.certificateFromPem(pem);
  } catch {
    throw new ValidationError({ [field]: 'This certificate could not be read: it is not a valid RSA X.509 certificate in PEM' });
  }
}

/** Parses one PEM certificate (the first, when a chain is pasted). */
export function parseCertificatePem(pem: string): CertificateInfo {
  return describe(readCertificate(pem, 'certificate'));
}

function readPrivateKey(pem: string): forge.pki.rsa.PrivateKey {
  if (/ENCRYPTED PRIVATE KEY/.test(pem)) {
    throw new ValidationError({
      privateKey: 'This private key is encrypted: export it without a passphrase, or import a PFX with its password',
    });
  }
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+-----END (RSA )?PRIVATE KEY-----/.test(pem)) {
    throw new ValidationError({ privateKey: 'Paste a PEM private key: -----BEGIN PRIVATE KEY----- … -----END PRIVATE KEY-----' });
  }
  try {
    return forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  } catch {
    throw new ValidationError({ privateKey: 'This private key could not be read: only unencrypted RSA keys in PEM are supported' });
  }
}

/** The checks every imported pair must pass before anything is stored. */
function checkPair(cert: forge.pki.Certificate, key: forge.pki.rsa.PrivateKey, now: Date, certField: string): NewCertificate {
  const publicKey = cert.publicKey as forge.pki.rsa.PublicKey;
  if (!publicKey.n || !publicKey.e) throw new ValidationError({ [certField]: 'Only RSA certificates can sign SAML assertions here' });
  if (publicKey.n.compareTo(key.n) !== 0 || publicKey.e.compareTo(key.e) !== 0) {
    throw new ValidationError({ privateKey: 'This private key does not belong to the certificate' });
  }
  const info = describe(cert);
  if (info.keyBits < MIN_KEY_BITS) {
    throw new ValidationError({ [certField]: `The key has ${info.keyBits} bits; use at least ${MIN_KEY_BITS}` });
  }
  if (info.notAfter.getTime() <= now.getTime()) {
    throw new ValidationError({ [certField]: `This certificate expired on ${info.notAfter.toISOString().slice(0, 10)}` });
  }
  // Re-export the key as PKCS#8 so every stored key has one format.
  const keyPem = forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key)));
  return seal(forge.pki.certificateToPem(cert), keyPem, info);
}

export function importPem(input: { certificate: string; privateKey: string; now?: Date }): NewCertificate {
  const cert = readCertificate(input.certificate, 'certificate');
  return checkPair(cert, readPrivateKey(input.privateKey), input.now ?? new Date(), 'certificate');
}

/**
 * Imports a PKCS#12 (PFX) file: its password, then the certificate that matches its private key. The file
 * is decrypted in a worker thread with bounded iterations and time (lib/crypto/pfx.ts); what comes back is
 * one key and one certificate as PEM, quick to parse here.
 */
export async function importPfx(input: { pfx: Uint8Array; password: string; now?: Date }): Promise<NewCertificate> {
  const { key, certificate } = await decodePfx(input.pfx, input.password);
  if (!key) throw new ValidationError({ pfx: 'This PFX file holds no RSA private key' });
  if (!certificate) throw new ValidationError({ pfx: 'This PFX file holds no certificate' });
  const privateKey = forge.pki.privateKeyFromPem(key) as forge.pki.rsa.PrivateKey;
  return checkPair(forge.pki.certificateFromPem(certificate), privateKey, input.now ?? new Date(), 'pfx');
}
