import 'server-only';

import type { KeyObject } from 'node:crypto';

import { type CertificateInfo, type NewCertificate, generateCertificate, openPrivateKey } from '@/lib/crypto/certificates';
import { isUniqueViolation } from '@/lib/database-errors';
import { db } from '@/lib/db';
import { AppError, NotFoundError, ValidationError } from '@/lib/errors';
import { formatDay } from '@/lib/format';
import type { Prisma } from '@/lib/generated/prisma/client';
import { diffValues, secretChange } from '@/lib/history/diff';
import { recordChange } from '@/lib/history/repository';
import { type Actor, type ChangeAction, SYSTEM_ACTOR } from '@/lib/history/types';

/** A stored signing certificate as the console shows it; the private key never leaves the server. */
export type StoredCertificate = CertificateInfo & {
  id: string;
  isDefault: boolean;
  /** Realms that sign with it: those that chose it, and for the default, those that chose none. */
  realms: RealmName[];
  /** Realms that will sign with it after their planned switch (their next certificate). */
  nextFor: RealmName[];
};

type RealmName = { id: string; name: string };

/** What signing needs: the key as a ready KeyObject and the certificate for KeyInfo and metadata. */
export type SigningCredentials = {
  certificateId: string;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  /** The DER certificate in base64 (an X509Certificate element's content). */
  certificateBase64: string;
  privateKey: KeyObject;
};

export const DEFAULT_CERTIFICATE_NAME = 'Realmgate Signing';

const CERTIFICATE_SELECT = {
  id: true,
  serialHex: true,
  subject: true,
  issuer: true,
  commonName: true,
  notBefore: true,
  notAfter: true,
  fingerprintSha256: true,
  keyBits: true,
  isDefault: true,
  realms: { select: { realm: { select: { id: true, name: true } } } },
  nextForRealms: { select: { realm: { select: { id: true, name: true } } } },
} as const;

const byName = (a: RealmName, b: RealmName) => a.name.localeCompare(b.name);

/** The realms that follow the default certificate (chose none): Make default re-keys them. */
export async function listRealmsFollowingDefault(): Promise<RealmName[]> {
  const realms = await db.realm.findMany({ where: { postAuth: { signingCertificateId: null } }, select: { id: true, name: true } });
  return realms.sort(byName);
}

export async function listCertificates(): Promise<StoredCertificate[]> {
  const [rows, realmsOnDefault] = await Promise.all([
    db.certificate.findMany({ select: CERTIFICATE_SELECT, orderBy: [{ isDefault: 'desc' }, { createdAt: 'asc' }] }),
    listRealmsFollowingDefault(),
  ]);
  return rows.map(({ realms, nextForRealms, ...row }) => ({
    ...row,
    realms: [...realms.map((entry) => entry.realm), ...(row.isDefault ? realmsOnDefault : [])].sort(byName),
    nextFor: nextForRealms.map((entry) => entry.realm).sort(byName),
  }));
}

/** What a realm's Post Authentication tab offers to sign with: the certificates alone, not the realms using them. */
export async function listCertificateChoices(): Promise<
  Pick<StoredCertificate, 'id' | 'serialHex' | 'commonName' | 'issuer' | 'notAfter' | 'isDefault'>[]
> {
  return db.certificate.findMany({
    select: { id: true, serialHex: true, commonName: true, issuer: true, notAfter: true, isDefault: true },
    orderBy: [{ isDefault: 'desc' }, { createdAt: 'asc' }],
  });
}

/** The certificate fields a change record shows, with the Certificates page's words. */
const RECORD_LABELS: Record<string, string> = {
  commonName: 'Common Name (CN)',
  serialHex: 'Serial number',
  issuer: 'Issued by',
  notAfter: 'Expires',
  keyBits: 'Key size',
  fingerprintSha256: 'SHA-256 fingerprint',
  isDefault: 'Default',
};

type RecordedCertificate = Pick<CertificateInfo, 'commonName' | 'serialHex' | 'issuer' | 'notAfter' | 'keyBits' | 'fingerprintSha256'> & {
  id: string;
  isDefault: boolean;
};

const RECORDED_SELECT = {
  id: true,
  commonName: true,
  serialHex: true,
  issuer: true,
  notAfter: true,
  keyBits: true,
  fingerprintSha256: true,
  isDefault: true,
} as const;

/** Records a certificate change; the private key shows only as "changed" when it comes or goes. */
function recordCertificateChange(
  tx: Prisma.TransactionClient,
  actor: Actor,
  action: ChangeAction,
  before: RecordedCertificate | null,
  after: RecordedCertificate | null,
) {
  const certificate = after ?? before;
  if (!certificate) throw new Error('A certificate change needs the certificate');
  const shown = ({ id: _id, notAfter, keyBits, ...rest }: RecordedCertificate) => ({
    ...rest,
    notAfter: formatDay(notAfter),
    keyBits: `${keyBits} bits`,
  });
  const changes = diffValues(before && shown(before), after && shown(after), { label: (field) => RECORD_LABELS[field] ?? field });
  const keyChanged = before === null || after === null;
  return recordChange(tx, actor, {
    objectType: 'certificate',
    objectId: certificate.id,
    objectName: `${certificate.commonName} (${certificate.serialHex})`,
    action,
    changes: keyChanged ? [...changes, secretChange('privateKey', 'Private key')] : changes,
  });
}

/**
 * Inserts a certificate with its change record. `asDefault`: 'if-none' makes it the default when there is none (the
 * first certificate), 'only' inserts it only as the default and otherwise not at all (false).
 */
async function insertCertificate(actor: Actor, certificate: NewCertificate, action: 'generate' | 'import', asDefault: 'if-none' | 'only') {
  const { id, info } = certificate;
  return db.$transaction(async (tx) => {
    if (await tx.certificate.findUnique({ where: { serialHex: info.serialHex }, select: { id: true } })) {
      throw new ValidationError({ certificate: `A certificate with serial number ${info.serialHex} is already stored` });
    }
    const hasDefault = (await tx.certificate.count({ where: { isDefault: true } })) > 0;
    if (hasDefault && asDefault === 'only') return false;
    // Two first certificates at once (two instances, say): the unique index on the default lets one insert win.
    const created = await tx.certificate.create({
      data: { id, ...info, certPem: certificate.certPem, privateKeyEnc: certificate.privateKeyEnc, isDefault: !hasDefault },
      select: RECORDED_SELECT,
    });
    await recordCertificateChange(tx, actor, action, null, created);
    return true;
  });
}

/** Stores a generated or imported certificate with its key encrypted; the first one becomes the default. */
export async function saveCertificate(
  actor: Actor,
  certificate: NewCertificate,
  action: 'generate' | 'import',
): Promise<StoredCertificate> {
  await insertCertificate(actor, certificate, action, 'if-none');
  const saved = (await listCertificates()).find((candidate) => candidate.id === certificate.id);
  if (!saved) throw new Error('Certificate vanished after insert');
  return saved;
}

/**
 * On first start: a default signing certificate, so a new realm can sign without any setup. Instances starting
 * together on one database make one: the database keeps a single default (migration single_default_certificate).
 */
export async function ensureDefaultCertificate(): Promise<boolean> {
  if ((await db.certificate.count({ where: { isDefault: true } })) > 0) return false;
  const certificate = generateCertificate({ commonName: DEFAULT_CERTIFICATE_NAME, bits: 2048, years: 5 });
  try {
    return await insertCertificate(SYSTEM_ACTOR, certificate, 'generate', 'only');
  } catch (error) {
    if (isUniqueViolation(error)) return false; // another instance's default came first
    throw error;
  }
}

export async function setDefaultCertificate(actor: Actor, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await tx.certificate.findUnique({ where: { id }, select: RECORDED_SELECT });
    if (!before) throw new NotFoundError('This certificate does not exist.');
    await tx.certificate.updateMany({ where: { isDefault: true }, data: { isDefault: false } });
    const after = await tx.certificate.update({ where: { id }, data: { isDefault: true }, select: RECORDED_SELECT });
    await recordCertificateChange(tx, actor, 'make-default', before, after);
  });
}

/**
 * Deletes a certificate no realm signs with or will sign with (its next certificate); the default stays while any
 * realm relies on it. The foreign keys refuse such a delete too: this says why in words.
 */
export async function deleteCertificate(actor: Actor, id: string): Promise<void> {
  const certificate = (await listCertificates()).find((candidate) => candidate.id === id);
  if (!certificate) throw new NotFoundError('This certificate does not exist.');
  const users = [
    ...certificate.realms.map((realm) => `${realm.name} (signs with it)`),
    ...certificate.nextFor.map((realm) => `${realm.name} (its next certificate)`),
  ];
  if (users.length > 0) {
    throw new AppError(`In use by ${users.join(', ')}: choose another certificate there first.`);
  }
  if (certificate.isDefault) {
    throw new AppError('This is the default certificate: make another certificate the default first.');
  }
  await db.$transaction(async (tx) => {
    const before = await tx.certificate.findUnique({ where: { id }, select: RECORDED_SELECT });
    if (!before) throw new NotFoundError('This certificate does not exist.');
    await tx.certificate.delete({ where: { id } });
    await recordCertificateChange(tx, actor, 'delete', before, null);
  });
  signingKeyCache.delete(id);
}

/** The certificate as a PEM file to download (never the key): `<common-name>-<serial>.pem`. */
export async function loadCertificateFile(id: string): Promise<{ fileName: string; pem: string } | null> {
  const row = await db.certificate.findUnique({ where: { id }, select: { serialHex: true, commonName: true, certPem: true } });
  if (!row) return null;
  const name = row.commonName.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'certificate';
  return { fileName: `${name}-${row.serialHex}.pem`, pem: row.certPem };
}

export async function certificateExists(id: string): Promise<boolean> {
  return (await db.certificate.count({ where: { id } })) > 0;
}

// Decrypting and parsing a key costs far more than a signature: do it once per certificate (DESIGN "SAML").
// Certificates are immutable once stored, so the id alone identifies the key; delete evicts it.
const signingKeyCache = new Map<string, KeyObject>();

/** The signing credentials of a certificate (or of the default when `id` is null); null if there is none. */
export async function loadSigningCredentials(id: string | null): Promise<SigningCredentials | null> {
  const row = await db.certificate.findFirst({
    where: id === null ? { isDefault: true } : { id },
    select: { id: true, serialHex: true, notBefore: true, notAfter: true, certPem: true, privateKeyEnc: true },
  });
  if (!row) return null;
  let privateKey = signingKeyCache.get(row.id);
  if (!privateKey) {
    privateKey = openPrivateKey(row.id, row.privateKeyEnc);
    signingKeyCache.set(row.id, privateKey);
  }
  return {
    certificateId: row.id,
    serialHex: row.serialHex,
    notBefore: row.notBefore,
    notAfter: row.notAfter,
    certificateBase64: row.certPem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, ''),
    privateKey,
  };
}
