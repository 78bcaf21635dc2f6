import { describe, expect, test } from 'vitest';

import { generateCertificate } from '@/lib/crypto/certificates';
import { ValidationError } from '@/lib/errors';
import { fieldErrorsOf } from '@/test/schema-helpers';

import { TEST_ADMIN } from '@/test/admin';

import { checkCaCertificate } from './ca-certificate';
import { createRealm } from './realm-list-repository';
import { loadTab, saveTab } from './repository';
import { type DataValues, dataSchema, defaultDataValues } from './schemas/data';

const CA = generateCertificate({ commonName: 'Private CA', bits: 2048, years: 1 }).certPem.replace(/\r\n/g, '\n').trim();
const ldap: DataValues = {
  ...defaultDataValues(),
  dataStore: 'openldap',
  connectionString: 'ldaps://ldap.example.com/dc=example,dc=com',
  connectionMode: 'ssl',
  ldapUsername: 'cn=svc,dc=example,dc=com',
  ldapPassword: { isSet: true, replacement: null },
};
const errorsOf = (change: Partial<Record<keyof DataValues, unknown>>) => fieldErrorsOf(dataSchema, { ...ldap, ...change });

describe('Data tab: CA Certificate, Verify TLS Certificate, Connection Timeout', () => {
  test('new realms verify TLS, trust no extra CA and wait 5 seconds', () => {
    expect(defaultDataValues()).toMatchObject({ caCertificate: '', verifyTls: true, connectionTimeoutSeconds: 5 });
  });

  test.each([
    ['no CA', { caCertificate: '' }],
    ['a CA in PEM', { caCertificate: CA }],
    ['a CA and an intermediate', { caCertificate: `${CA}\n${CA}` }],
    ['a CA pasted with CRLF line ends and blank lines around', { caCertificate: `\r\n${CA.replace(/\n/g, '\r\n')}\r\n\r\n` }],
    ['verification off', { verifyTls: false }],
    ['the shortest timeout', { connectionTimeoutSeconds: 1 }],
    ['the longest timeout', { connectionTimeoutSeconds: 60 }],
  ])('accepts %s', (_, change) => {
    expect(errorsOf(change)).toEqual({});
  });

  test.each([
    ['text that is no PEM', { caCertificate: 'my CA' }, 'caCertificate', /Paste the CA certificate in PEM/],
    ['a private key', { caCertificate: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' }, 'caCertificate', /in PEM/],
    ['a timeout of 0', { connectionTimeoutSeconds: 0 }, 'connectionTimeoutSeconds', /from 1 to 60/],
    ['a timeout of 61', { connectionTimeoutSeconds: 61 }, 'connectionTimeoutSeconds', /from 1 to 60/],
    ['an empty timeout box', { connectionTimeoutSeconds: Number.NaN }, 'connectionTimeoutSeconds', /from 1 to 60/],
    ['no TLS choice', { verifyTls: 'yes' }, 'verifyTls', /True or False/],
  ])('refuses %s', (_, change, field, message) => {
    expect(errorsOf(change)[field]).toMatch(message);
  });

  test('a hidden CA field never blocks a save of the local directory', () => {
    expect(fieldErrorsOf(dataSchema, { ...defaultDataValues(), caCertificate: 'left over' })).toEqual({});
  });
});

describe('the server reads every CA certificate block before saving it', () => {
  test('accepts real certificates (RSA here; EC as well: Node parses both)', () => {
    expect(() => checkCaCertificate(`${CA}\n${CA}`)).not.toThrow();
  });

  test('refuses a block of the right shape whose content is no certificate, naming which one', () => {
    const broken = '-----BEGIN CERTIFICATE-----\nTm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----';
    expect(() => checkCaCertificate(broken)).toThrow(ValidationError);
    expect(() => checkCaCertificate(`${CA}\n${broken}`)).toThrow(/certificate 2/);
  });
});

test('a Data tab save with an unreadable CA certificate is refused at the field, and nothing is stored', async () => {
  const realm = await createRealm(TEST_ADMIN, 'CA check');
  const { values, version } = await loadTab(realm.id, 'data');
  const broken = '-----BEGIN CERTIFICATE-----\nTm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----';
  const change = { ...values, ...ldap, ldapPassword: { isSet: false, replacement: 'secret' }, caCertificate: broken };
  await expect(saveTab(TEST_ADMIN, realm.id, 'data', change, version)).rejects.toMatchObject({
    fieldErrors: { caCertificate: expect.stringMatching(/not a readable X\.509 certificate/) },
  });
  expect((await loadTab(realm.id, 'data')).version).toBe(version);
});
