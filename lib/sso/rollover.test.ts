import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { beforeAll, describe, expect, test, vi } from 'vitest';

import { type StoredCertificate, loadCertificateFile, saveCertificate } from '@/lib/certificates/store';
import { generateCertificate } from '@/lib/crypto/certificates';
import { listChangeRecords } from '@/lib/history/repository';
import { createRealm } from '@/lib/realm/realm-list-repository';
import { loadTab } from '@/lib/realm/repository';
import { validateAgainstXsd, validateWithNodeSaml, verifySignatures } from '@/test/saml-verifiers';

import { handleMetadata } from './metadata';
import { ACS, NOW, PASSWORD, realmValues, setUpSsoRealm, signInForm, type Reply } from './test-realm';
import { TEST_ADMIN } from '@/test/admin';
import { defined } from '@/test/defined';

/** Certificate rollover (issue 9): an SP that loaded the metadata before the switch accepts what is signed after it. */

const SWITCH_AT = '2026-11-28T12:30';
const AFTER_SWITCH = Date.parse('2026-11-28T12:31:00Z');

const certificates: { current?: StoredCertificate; next?: StoredCertificate } = {};
const pem = async (certificate: StoredCertificate | undefined) => defined(await loadCertificateFile(defined(certificate).id)).pem;
const der = (certificatePem: string) => certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');

async function generate(commonName: string) {
  const made = generateCertificate({ commonName, bits: 2048, years: 30, now: new Date('2026-01-01T00:00:00Z') });
  return saveCertificate(TEST_ADMIN, made, 'generate');
}

async function rolloverRealm(name: string) {
  return createRealm(TEST_ADMIN, name, (defaults) => {
    const values = realmValues(defaults);
    const postAuth = values['post-authentication'];
    const rollover = { signingCertificateId: defined(certificates.current).id, nextCertificateId: defined(certificates.next).id };
    return { ...values, 'post-authentication': { ...postAuth, ...rollover, switchAt: SWITCH_AT } };
  });
}

const metadataAt = async (slug: string, now: number) =>
  (await handleMetadata(new Request(`http://idp.test/sso/${slug}/metadata?domain=idp.example.com`), slug, new Date(now))).text();

const samlXmlOf = async (response: Reply) => {
  const value = defined(/name="SAMLResponse" value="([^"]+)"/.exec(await response.text())?.[1], 'SAMLResponse');
  return { base64: value, xml: Buffer.from(value, 'base64').toString('utf8') };
};

/** pysaml2 (Debian's python3-pysaml2) loads the metadata as a service provider does. */
function loadInPysaml2(xml: string): { entityIds: string[]; signingCertificates: string[] } {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'realmgate-md-')), 'idp.xml');
  writeFileSync(file, xml);
  const script = path.resolve(process.cwd(), 'test', 'pysaml2', 'load-metadata.py');
  return JSON.parse(execFileSync('/usr/bin/python3', [script, file], { encoding: 'utf8' })) as never;
}

beforeAll(async () => {
  await setUpSsoRealm();
  certificates.current = await generate('Rollover current');
  certificates.next = await generate('Rollover next');
});

describe('a realm with a next certificate', () => {
  test('publishes both signing certificates, current first, in metadata that xmllint and pysaml2 accept', async () => {
    const realm = await rolloverRealm('Rollover metadata');
    const xml = await metadataAt(realm.slug, NOW);
    const keys = [...xml.matchAll(/<md:KeyDescriptor use="signing">[\s\S]*?<ds:X509Certificate>([^<]+)</g)].map((match) => match[1]);
    expect(keys).toEqual([der(await pem(certificates.current)), der(await pem(certificates.next))]);
    expect(() => validateAgainstXsd(xml, 'metadata')).not.toThrow();
    const loaded = loadInPysaml2(xml);
    expect(loaded.entityIds).toEqual(['urn:realmgate:test-idp']);
    expect(loaded.signingCertificates.map((certificate) => certificate.replace(/\s/g, ''))).toEqual(keys);
  });

  test('signs with the current certificate until the switch, then with the next; an SP that trusts both accepts each', async () => {
    const realm = await rolloverRealm('Rollover signing');
    const trusted = [...(await metadataAt(realm.slug, NOW)).matchAll(/<ds:X509Certificate>([^<]+)</g)].map((match) => defined(match[1]));
    const spTrustingBoth = async (base64: string, at: number) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(at);
      try {
        return await validateWithNodeSaml(base64, {
          idpCertPem: trusted.map((certificate) => `-----BEGIN CERTIFICATE-----\n${certificate}\n-----END CERTIFICATE-----`) as never,
          idpIssuer: 'urn:realmgate:test-idp',
          audience: 'https://sp.example.com',
          callbackUrl: ACS,
          wantAuthnResponseSigned: true,
        });
      } finally {
        vi.useRealTimers();
      }
    };

    const before = await samlXmlOf(await signInForm('jane', PASSWORD, realm.slug, NOW));
    expect(verifySignatures(before.xml, await pem(certificates.current))).toHaveLength(2);
    expect(() => verifySignatures(before.xml, der(trusted[1] ?? ''))).toThrow();
    expect((await spTrustingBoth(before.base64, NOW)).nameID).toBe('jane.mimecast@example.com');

    const after = await samlXmlOf(await signInForm('jane', PASSWORD, realm.slug, AFTER_SWITCH));
    expect(verifySignatures(after.xml, await pem(certificates.next))).toHaveLength(2);
    const currentPem = await pem(certificates.current);
    expect(() => verifySignatures(after.xml, currentPem)).toThrow();
    expect((await spTrustingBoth(after.base64, AFTER_SWITCH)).nameID).toBe('jane.mimecast@example.com');
  });

  test('switches by itself at Switch At, once, recorded as done by Realmgate', async () => {
    const realm = await rolloverRealm('Rollover on time');
    expect(await metadataAt(realm.slug, Date.parse('2026-11-28T12:29:59Z'))).toContain(der(await pem(certificates.next)));
    expect((await loadTab(realm.id, 'post-authentication')).values.signingCertificateId).toBe(certificates.current?.id);

    const xml = await metadataAt(realm.slug, Date.parse('2026-11-28T12:30:00Z'));
    expect(xml.match(/<md:KeyDescriptor/g)).toHaveLength(1);
    expect(xml).toContain(der(await pem(certificates.next)));
    expect((await loadTab(realm.id, 'post-authentication')).values).toMatchObject({
      signingCertificateId: certificates.next?.id,
      nextCertificateId: '',
      switchAt: '',
    });
    await metadataAt(realm.slug, AFTER_SWITCH);
    const { records } = await listChangeRecords({ realmId: realm.id, page: 1 });
    const switches = records.filter((record) => record.action === 'switch-certificate');
    expect(switches).toHaveLength(1);
    expect(switches[0]?.admin).toEqual({ id: 'system', username: 'Realmgate (scheduled)' });
  });
});
