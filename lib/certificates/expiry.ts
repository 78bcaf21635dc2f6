import 'server-only';

import { listCertificates, listRealmsFollowingDefault } from '@/lib/certificates/store';
import { db } from '@/lib/db';
import { formatDay } from '@/lib/format';
import { preparedRead } from '@/lib/prepared-read';

/** Expiry warnings (issue 9): from 30 days before a certificate in use expires. */
export const EXPIRY_WARNING_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A certificate that signs, or will sign, for some realm, and expires within the warning window. */
export type ExpiringCertificate = {
  id: string;
  serialHex: string;
  commonName: string;
  notAfter: Date;
  isDefault: boolean;
  /** Whole days left (0 on its last day), negative once expired. */
  daysLeft: number;
  /** The UTC day of the last warning line in the log, if any. */
  expiryWarnedOn: string | null;
};

/**
 * The certificates in use: any realm's current or next certificate, and the default while any realm follows it (chose
 * no certificate). Every console page asks (the expiry banner), so it is one statement prepared on the driver, not
 * Prisma queries compiled on every page; the indexes on the realms' certificate columns answer each EXISTS.
 */
const certificatesInUse = preparedRead(
  'realmgate_certificates_in_use',
  `SELECT c."id", c."serialHex", c."commonName", c."notAfter", c."isDefault", c."expiryWarnedOn" FROM "Certificate" c
  WHERE EXISTS (SELECT 1 FROM "RealmPostAuth" p WHERE p."signingCertificateId" = c."id")
    OR EXISTS (SELECT 1 FROM "RealmPostAuth" p WHERE p."nextCertificateId" = c."id")
    OR (c."isDefault" = TRUE AND EXISTS (SELECT 1 FROM "RealmPostAuth" p WHERE p."signingCertificateId" IS NULL))`,
  { booleans: ['isDefault'], dates: ['notAfter'] },
);

/** The certificates in use that expire within EXPIRY_WARNING_DAYS of `now` (or have expired), soonest first. */
export async function listExpiringCertificates(now: Date): Promise<ExpiringCertificate[]> {
  const limit = now.getTime() + EXPIRY_WARNING_DAYS * DAY_MS;
  const expiring: ExpiringCertificate[] = [];
  for (const row of await certificatesInUse.all()) {
    const notAfter = row.notAfter as Date;
    if (notAfter.getTime() > limit) continue;
    expiring.push({
      id: String(row.id),
      serialHex: String(row.serialHex),
      commonName: String(row.commonName),
      notAfter,
      isDefault: row.isDefault === true,
      expiryWarnedOn: row.expiryWarnedOn === null ? null : String(row.expiryWarnedOn),
      daysLeft: Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS),
    });
  }
  return expiring.sort((a, b) => a.notAfter.getTime() - b.notAfter.getTime());
}

/** "expires on 2026-12-10 (in 9 days)", or "expired on …": the words of the banner, the badges and the log. */
export function describeExpiry(certificate: Pick<ExpiringCertificate, 'notAfter' | 'daysLeft'>): string {
  const day = formatDay(certificate.notAfter);
  if (certificate.daysLeft < 0) return `expired on ${day}`;
  return `expires on ${day} (${certificate.daysLeft === 0 ? 'today' : `in ${certificate.daysLeft} day${certificate.daysLeft === 1 ? '' : 's'}`})`;
}

/**
 * The expiring certificates, with one warning line in the log per certificate and UTC day. Several instances
 * (and every console page) call this: the day of the last line is kept on the certificate and moved on by one
 * conditional update, so only the first caller of the day writes the line.
 */
export async function checkCertificateExpiry(now: Date, log: (line: string) => void = console.warn): Promise<ExpiringCertificate[]> {
  const expiring = await listExpiringCertificates(now);
  const today = now.toISOString().slice(0, 10);
  for (const certificate of expiring) {
    if (certificate.expiryWarnedOn === today) continue; // most calls: no write at all
    const { count } = await db.certificate.updateMany({
      where: { id: certificate.id, OR: [{ expiryWarnedOn: null }, { expiryWarnedOn: { not: today } }] },
      data: { expiryWarnedOn: today },
    });
    if (count === 0) continue;
    const message = `Signing certificate ${certificate.commonName} (${certificate.serialHex}) ${describeExpiry(certificate)}: choose a next certificate for the realms that use it.`;
    log(JSON.stringify({ level: 'warn', time: now.toISOString(), context: 'certificate expiry', message, serial: certificate.serialHex }));
  }
  return expiring;
}

/** What the Certificates page shows: every certificate, the realms Make default re-keys, and expiry badges. */
export async function loadCertificatesPage(now: Date) {
  const [certificates, followers, expiring] = await Promise.all([
    listCertificates(),
    listRealmsFollowingDefault(),
    checkCertificateExpiry(now),
  ]);
  return {
    certificates,
    followers,
    expiring: Object.fromEntries(expiring.map((certificate) => [certificate.id, describeExpiry(certificate)])),
  };
}
