import { beforeAll, describe, expect, test, vi } from 'vitest';

import { generateCertificate } from '@/lib/crypto/certificates';
import { createRealm } from '@/lib/realm/realm-list-repository';
import { listRealmPage } from '@/lib/realm/realm-list-query';
import { TEST_ADMIN } from '@/test/admin';
import { defined } from '@/test/defined';

import { EXPIRY_WARNING_DAYS, checkCertificateExpiry, listExpiringCertificates, loadCertificatesPage } from './expiry';
import { type StoredCertificate, saveCertificate } from './store';

/** Expiry warnings with a fixed clock: certificates made to expire at known instants around NOW. */
const NOW = new Date('2027-03-01T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

/** A certificate that expires `days` after NOW (generated valid for a year up to then). */
async function expiringIn(commonName: string, days: number): Promise<StoredCertificate> {
  const notAfter = new Date(NOW.getTime() + days * DAY);
  const made = generateCertificate({ commonName, bits: 2048, years: 1, now: new Date(notAfter.getTime() - 365 * DAY) });
  return saveCertificate(TEST_ADMIN, made, 'generate');
}

const certificates: Record<string, StoredCertificate> = {};

beforeAll(async () => {
  certificates.default = await expiringIn('Default soon', 10); // the first certificate: the default
  certificates.current = await expiringIn('Current later', EXPIRY_WARNING_DAYS + 5);
  certificates.next = await expiringIn('Next soon', 20);
  certificates.unused = await expiringIn('Unused soon', 3);
});

const names = async (now: Date) => (await listExpiringCertificates(now)).map((certificate) => certificate.commonName);

describe('the certificates in use that expire within 30 days', () => {
  test('the default counts only while a realm follows it; a realm’s current and next count; unused ones never', async () => {
    const chooser = await createRealm(TEST_ADMIN, 'Chooses its certificates', (defaults) => ({
      ...defaults,
      'post-authentication': {
        ...defaults['post-authentication'],
        signingCertificateId: defined(certificates.current).id,
        nextCertificateId: defined(certificates.next).id,
        switchAt: '2027-03-05T00:00',
      },
    }));
    expect(await names(NOW)).toEqual(['Next soon']);
    // Five days later the current one is within 30 days too.
    expect(await names(new Date(NOW.getTime() + 6 * DAY))).toEqual(['Next soon', 'Current later']);

    await createRealm(TEST_ADMIN, 'Follows the default');
    expect(await names(NOW)).toEqual(['Default soon', 'Next soon']);

    const page = await listRealmPage({}, NOW);
    const warnings = Object.fromEntries(page.realms.map((realm) => [realm.name, realm.certificateWarning]));
    expect(warnings[chooser.name]).toBe('Certificate Next soon expires on 2027-03-21 (in 20 days)');
    expect(warnings['Follows the default']).toBe('Certificate Default soon expires on 2027-03-11 (in 10 days)');

    vi.spyOn(console, 'warn').mockImplementation(() => undefined); // the page checks too, and logs
    const certificatesPage = await loadCertificatesPage(NOW);
    expect(Object.keys(certificatesPage.expiring).sort()).toEqual([certificates.default?.id, certificates.next?.id].sort());
    expect(certificatesPage.followers.map((realm) => realm.name)).toEqual(['Follows the default']);
  });

  test('writes one log line per certificate and day, however many callers (instances) check at once', async () => {
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const day = new Date(NOW.getTime() + 2 * DAY); // a day nothing has checked yet
    await Promise.all(Array.from({ length: 6 }, () => checkCertificateExpiry(day, log)));
    expect(lines).toHaveLength(2);
    expect(lines.map((line) => JSON.parse(line) as { level: string; message: string })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          level: 'warn',
          message: expect.stringMatching(/^Signing certificate Default soon \([0-9a-f]+\) expires on 2027-03-11 \(in 8 days\)/),
        }),
      ]),
    );
    await checkCertificateExpiry(new Date(day.getTime() + 60 * 60 * 1000), log); // later the same day
    expect(lines).toHaveLength(2);
    await checkCertificateExpiry(new Date(day.getTime() + DAY), log);
    expect(lines).toHaveLength(4);
  });
});
