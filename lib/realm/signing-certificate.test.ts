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

import { createRealm, loadTab, saveTab } from './repository';

const saml = { redirect: 'saml-idp-initiated', consumerUrl: 'https://sp.example.com/acs', issuer: 'urn:test' } as const;

describe('the signing certificate of a realm', () => {
  test('a SAML redirect is refused while no certificate exists, then signs with the default', async () => {
    const realm = await createRealm('Needs a certificate');
    const loaded = await loadTab(realm.id, 'post-authentication');
    const error = await saveTab(realm.id, 'post-authentication', { ...loaded.values, ...saml }, loaded.version).catch(
      (caught: unknown) => caught,
    );
    expect((error as ValidationError).fieldErrors.signingCertificateId).toMatch(/needs a signing certificate/);

    expect(await ensureDefaultCertificate()).toBe(true);
    expect(await ensureDefaultCertificate()).toBe(false);
    const saved = await saveTab(realm.id, 'post-authentication', { ...loaded.values, ...saml }, loaded.version);
    expect(saved.values.signingCertificateId).toBe('');
    const [defaultCertificate] = await listCertificates();
    expect(defaultCertificate).toMatchObject({ isDefault: true, keyBits: 2048, realms: [{ id: realm.id, name: 'Needs a certificate' }] });
  });

  test('a chosen certificate is kept, counts as in use, and cannot be deleted', async () => {
    const realm = await createRealm('Chooses a certificate');
    const other = await saveCertificate(generateCertificate({ commonName: 'Other signer', bits: 2048, years: 1 }));
    const loaded = await loadTab(realm.id, 'post-authentication');
    const saved = await saveTab(
      realm.id,
      'post-authentication',
      { ...loaded.values, ...saml, signingCertificateId: other.id },
      loaded.version,
    );
    expect(saved.values.signingCertificateId).toBe(other.id);
    expect((await listCertificates()).find((c) => c.id === other.id)?.realms).toEqual([{ id: realm.id, name: 'Chooses a certificate' }]);
    await expect(deleteCertificate(other.id)).rejects.toThrow(/In use by Chooses a certificate/);

    await expect(
      saveTab(realm.id, 'post-authentication', { ...saved.values, signingCertificateId: 'no-such-certificate' }, saved.version),
    ).rejects.toThrow(/no longer exists/);
  });

  test('another certificate can become the default; the new default is in use by the realms without a choice', async () => {
    const spare = await saveCertificate(generateCertificate({ commonName: 'Spare', bits: 2048, years: 1 }));
    const current = (await listCertificates()).find((c) => c.isDefault);
    await expect(deleteCertificate(spare.id)).resolves.toBeUndefined();
    const next = await saveCertificate(generateCertificate({ commonName: 'Next default', bits: 2048, years: 1 }));
    await setDefaultCertificate(next.id);
    const after = await listCertificates();
    expect(after.find((c) => c.isDefault)?.id).toBe(next.id);
    expect(after.find((c) => c.id === current?.id)?.isDefault).toBe(false);
    await expect(deleteCertificate(next.id)).rejects.toThrow(/^In use by Needs a certificate: /);
  });
});
