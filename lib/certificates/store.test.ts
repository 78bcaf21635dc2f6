import { describe, expect, test } from 'vitest';

import { generateCertificate } from '@/lib/crypto/certificates';
import { TEST_ADMIN } from '@/test/admin';

import { deleteCertificate, listCertificateChoices, listCertificates, saveCertificate, setDefaultCertificate } from './store';

// This file's database has no realm: no certificate is in use, so only the default rule can refuse a delete.
describe('deleting a certificate', () => {
  test('the default certificate cannot be deleted, even when no realm signs with it', async () => {
    const first = await saveCertificate(TEST_ADMIN, generateCertificate({ commonName: 'First', bits: 2048, years: 1 }), 'generate');
    const second = await saveCertificate(TEST_ADMIN, generateCertificate({ commonName: 'Second', bits: 2048, years: 1 }), 'generate');
    expect(first).toMatchObject({ isDefault: true, realms: [] });

    await expect(deleteCertificate(TEST_ADMIN, first.id)).rejects.toThrow(
      /^This is the default certificate: make another certificate the default first\.$/,
    );
    await setDefaultCertificate(TEST_ADMIN, second.id);
    await expect(deleteCertificate(TEST_ADMIN, first.id)).resolves.toBeUndefined();
    await expect(deleteCertificate(TEST_ADMIN, second.id)).rejects.toThrow(/^This is the default certificate/);
    expect((await listCertificates()).map((certificate) => certificate.id)).toEqual([second.id]);
  });

  test('an unknown certificate is a clear error', async () => {
    await expect(deleteCertificate(TEST_ADMIN, 'no-such-certificate')).rejects.toThrow(/^This certificate does not exist\.$/);
  });
});

test("the choices of a realm's signing certificate come default first, with what the picker shows and nothing more", async () => {
  const other = await saveCertificate(TEST_ADMIN, generateCertificate({ commonName: 'Other', bits: 2048, years: 1 }), 'generate');
  const choices = await listCertificateChoices();
  expect(choices[0]?.isDefault).toBe(true);
  expect(choices.find((choice) => choice.id === other.id)).toEqual({
    id: other.id,
    serialHex: other.serialHex,
    commonName: 'Other',
    issuer: other.issuer,
    notAfter: other.notAfter,
    isDefault: false,
  });
});
