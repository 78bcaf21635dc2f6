import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { SAML } from '@node-saml/node-saml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { isInternalAddress } from '@/lib/http/outbound';
import { signInAsTestAdmin } from '@/test/admin-session';

import { readSpMetadataFields } from './sp-metadata-import';

// A throwaway https server on 127.0.0.1 (a private address: fetched only when the admin allows it).
const dir = mkdtempSync(path.join(tmpdir(), 'realmgate-md-'));
execFileSync(
  'openssl',
  [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${dir}/k.pem`,
    '-out',
    `${dir}/c.pem`,
    '-days',
    '2',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ],
  { stdio: 'pipe' },
);
const tls = { key: readFileSync(`${dir}/k.pem`, 'utf8'), cert: readFileSync(`${dir}/c.pem`, 'utf8') };
const SP_CERT = tls.cert;

// node-saml lists a signing certificate when it has a private key to sign with.
const saml = new SAML({
  issuer: 'https://sp.example.com/metadata',
  callbackUrl: 'https://sp.example.com/acs',
  idpCert: 'x',
  privateKey: tls.key,
});
const METADATA = saml.generateServiceProviderMetadata(null, SP_CERT);

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer(tls, (request, response) => {
    if (request.url === '/metadata') return void response.end(METADATA);
    if (request.url === '/big') return void response.end(`<x>${' '.repeat(300 * 1024)}</x>`);
    if (request.url === '/to-http') return void response.writeHead(302, { Location: 'http://127.0.0.1/metadata' }).end();
    if (request.url === '/loop') return void response.writeHead(302, { Location: '/loop' }).end();
    if (request.url === '/slow') return; // never answers
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const run = (input: { xml?: string; url?: string; allowPrivate?: boolean }) =>
  readSpMetadataFields({ xml: '', url: '', allowPrivate: false, ...input }, { ca: tls.cert });

describe('SP metadata import', () => {
  test('pasted metadata fills the Consumer URL, SP Entity ID and SP signing certificate', async () => {
    const result = await run({ xml: METADATA });
    expect(result).toEqual({
      ok: true,
      version: 0,
      values: {
        consumerUrl: 'https://sp.example.com/acs',
        allowedAcsUrls: '',
        spEntityId: 'https://sp.example.com/metadata',
        spCertificate: expect.stringContaining('-----BEGIN CERTIFICATE-----\nMII') as string,
      },
    });
    const pem = result.ok ? result.values.spCertificate : '';
    expect(pem.replace(/\s/g, '')).toBe(SP_CERT.replace(/\s/g, ''));
  });

  test.each([
    ['a DTD', `<!DOCTYPE x [<!ENTITY e "e">]>${METADATA.replace(/^<\?xml[^>]*\?>/, '')}`, /document type or entity declaration/],
    ['IdP metadata', METADATA.replace(/SPSSODescriptor/g, 'IDPSSODescriptor'), /no service provider/],
    ['not XML', 'hello', /not well-formed/],
    ['nothing', '  ', /Paste or upload the metadata/],
  ])('refuses %s', async (_case, xml, message) => {
    const result = await run({ xml });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.fieldErrors?.xml).toMatch(message);
  });

  test('fetches a URL at a private address only when "Allow private address" is ticked', async () => {
    const refused = await run({ url: `${base}/metadata` });
    expect(refused.ok ? '' : refused.fieldErrors?.url).toMatch(/127.0.0.1 is a private or local address/);
    const named = await run({ url: `https://localhost:${new URL(base).port}/metadata` });
    expect(named.ok ? '' : named.fieldErrors?.url).toMatch(/localhost is a private or local address/);
    const allowed = await run({ url: `${base}/metadata`, allowPrivate: true });
    expect(allowed.ok && allowed.values.spEntityId).toBe('https://sp.example.com/metadata');
  });

  test.each([
    ['http', () => 'http://sp.example.com/metadata', /https:\/\//],
    ['larger than 256 KB', () => `${base}/big`, /larger than 256 KB/],
    ['a redirect to http', () => `${base}/to-http`, /https:\/\/ redirects only/],
    ['redirects without end', () => `${base}/loop`, /redirected too many times/],
    ['a server that never answers', () => `${base}/slow`, /did not answer within 5 seconds/],
  ])('refuses %s', async (_case, url, message) => {
    const result = await run({ url: url(), allowPrivate: true });
    expect(result.ok ? '' : result.fieldErrors?.url).toMatch(message);
  });

  test.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.31.0.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['::', true],
    ['fe80::1', true],
    ['fd00::1', true],
    ['::ffff:127.0.0.1', true],
    ['93.184.215.14', false],
    ['2606:2800:21f:cb07:6820:80da:af6b:8b2c', false],
  ])('%s is internal: %s', (address, internal) => {
    expect(isInternalAddress(address)).toBe(internal);
  });

  test('auditors cannot make the server fetch anything', async () => {
    await signInAsTestAdmin('auditor');
    try {
      expect(await run({ url: `${base}/metadata`, allowPrivate: true })).toMatchObject({
        ok: false,
        formError: expect.stringMatching(/auditor/),
      });
    } finally {
      await signInAsTestAdmin();
    }
  });
});
