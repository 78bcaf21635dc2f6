import { describe, expect, test } from 'vitest';

import {
  deleteCertificate,
  ensureDefaultCertificate,
  listCertificates,
  saveCertificate,
  setDefaultCertificate,
} from '@/lib/certificates/store';
import { generateCertificate } from '@/lib/crypto/certificates';
import { ValidationError } from '@/lib/errors';

import { createRealm } from './realm-list-repository';
import { loadTab, saveTab } from './repository';
import { TEST_ADMIN } from '@/test/admin';

const saml = { redirect: 'saml-idp-initiated', consumerUrl: 'https://sp.example.com/acs', issuer: 'urn:test' } as const;

describe('the signing certificate of a realm', () => {
  test('a SAML redirect is refused while no certificate exists, then signs with the default', async () => {
    const realm = await createRealm(TEST_ADMIN, 'Needs a certificate');
    const loaded = await loadTab(realm.id, 'post-authentication');
    const error = await saveTab(TEST_ADMIN, realm.id, 'post-authentication', { ...loaded.values, ...saml }, loaded.version).catch(
      (caught: unknown) => caught,
    );
    expect((error as ValidationError).fieldErrors.signingCertificateId).toMatch(/needs a signing certificate/);

    expect(await ensureDefaultCertificate()).toBe(true);
    expect(await ensureDefaultCertificate()).toBe(false);
    const saved = await saveTab(TEST_ADMIN, realm.id, 'post-authentication', { ...loaded.values, ...saml }, loaded.version);
    expect(saved.values.signingCertificateId).toBe('');
    const [defaultCertificate] = await listCertificates();
    expect(defaultCertificate).toMatchObject({ isDefault: true, keyBits: 2048, realms: [{ id: realm.id, name: 'Needs a certificate' }] });
  });

  test('a chosen certificate is kept, counts as in use, and cannot be deleted', async () => {
    const realm = await createRealm(TEST_ADMIN, 'Chooses a certificate');
    const other = await saveCertificate(TEST_ADMIN, generateCertificate({ commonName: 'Other signer', bits: 2048, years: 1 }), 'generate');
    const loaded = await loadTab(realm.id, 'post-authentication');
    const saved = await saveTab(
      TEST_ADMIN,
      realm.id,
      'post-authentication',
      { ...loaded.values, ...saml, signingCertificateId: other.id },
      loaded.version,
    );
    expect(saved.values.signingCertificateId).toBe(other.id);
    expect((await listCertificates()).find((c) => c.id === other.id)?.realms).toEqual([{ id: realm.id, name: 'Chooses a certificate' }]);
    await expect(deleteCertificate(TEST_ADMIN, other.id)).rejects.toThrow(/In use by Chooses a certificate/);

    await expect(
      saveTab(TEST_ADMIN, realm.id, 'post-authentication', { ...saved.values, signingCertificateId: 'no-such-certificate' }, saved.version),
    ).rejects.toThrow(/no longer exists/);
  });

  test('another certificate can become the default; the new default is in use by the realms without a choice', async () => {
    const spare = await saveCertificate(TEST_ADMIN, generateCertificate({ commonName: 'Spare', bits: 2048, years: 1 }), 'generate');
    const current = (await listCertificates()).find((c) => c.isDefault);
    await expect(deleteCertificate(TEST_ADMIN, spare.id)).resolves.toBeUndefined();
    const next = await saveCertificate(TEST_ADMIN, generateCertificate({ commonName: 'Next default', bits: 2048, years: 1 }), 'generate');
    await setDefaultCertificate(TEST_ADMIN, next.id);
    const after = await listCertificates();
    expect(after.find((c) => c.isDefault)?.id).toBe(next.id);
    expect(after.find((c) => c.id === current?.id)?.isDefault).toBe(false);
    await expect(deleteCertificate(TEST_ADMIN, next.id)).rejects.toThrow(/^In use by Needs a certificate \(signs with it\): /);
  });
});
