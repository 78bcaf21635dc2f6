import { describe, expect, test } from 'vitest';

import { generateCertificate } from '@/lib/crypto/certificates';

import { deleteCertificate, listCertificates, saveCertificate, setDefaultCertificate } from './store';

// This file's database has no realm: no certificate is in use, so only the default rule can refuse a delete.
describe('deleting a certificate', () => {
  test('the default certificate cannot be deleted, even when no realm signs with it', async () => {
    const first = await saveCertificate(generateCertificate({ commonName: 'First', bits: 2048, years: 1 }));
    const second = await saveCertificate(generateCertificate({ commonName: 'Second', bits: 2048, years: 1 }));
    expect(first).toMatchObject({ isDefault: true, realms: [] });

    await expect(deleteCertificate(first.id)).rejects.toThrow(
      /^This is the default certificate: make another certificate the default first\.$/,
    );
    await setDefaultCertificate(second.id);
    await expect(deleteCertificate(first.id)).resolves.toBeUndefined();
    await expect(deleteCertificate(second.id)).rejects.toThrow(/^This is the default certificate/);
    expect((await listCertificates()).map((certificate) => certificate.id)).toEqual([second.id]);
  });

  test('an unknown certificate is a clear error', async () => {
    await expect(deleteCertificate('no-such-certificate')).rejects.toThrow(/^This certificate does not exist\.$/);
  });
});
