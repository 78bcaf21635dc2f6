import { type Server, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';

import forge from 'node-forge';

import { validateWithNodeSaml, verifySignatures } from '../../test/saml-verifiers';

export type ReceivedAssertion = {
  nameId: string;
  audience: string;
  recipient: string;
  notBefore: string;
  notOnOrAfter: string;
  relayState: string | null;
  receivedAt: number;
};

/** A throwaway self-signed TLS certificate for 127.0.0.1: Realmgate posts assertions to https only. */
export function selfSignedTls() {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 60 * 60_000);
  cert.setSubject([{ name: 'commonName', value: '127.0.0.1' }]);
  cert.setIssuer([{ name: 'commonName', value: '127.0.0.1' }]);
  cert.setExtensions([{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { key: forge.pki.privateKeyToPem(keys.privateKey), cert: forge.pki.certificateToPem(cert) };
}

/**
 * A small service provider on https://127.0.0.1 for the browser tests (the browser context must ignore its
 * self-signed certificate): its ACS validates each posted SAMLResponse with node-saml, configured from the
 * IdP metadata the test downloaded (xml-crypto and xmlsec1 check the signatures too), and records what it accepted.
 */
export async function startTestSp(options: { audience: string }) {
  const received: ReceivedAssertion[] = [];
  const rejected: string[] = [];
  let idp: { certificate: string; entityId: string } | null = null;
  let acsUrl = '';

  const server: Server = createServer(selfSignedTls(), (request, response) => {
    if (request.method !== 'POST' || request.url !== '/acs') {
      response.writeHead(404).end(); // e.g. the browser asking for /favicon.ico
      return;
    }
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', async () => {
      const form = new URLSearchParams(body);
      const samlResponse = form.get('SAMLResponse') ?? '';
      try {
        if (!idp) throw new Error('the test SP has no IdP metadata yet');
        // xml-crypto and xmlsec1 check every signature as well (digests against xml-crypto's canonical form).
        verifySignatures(Buffer.from(samlResponse, 'base64').toString('utf8'), idp.certificate);
        const profile = await validateWithNodeSaml(samlResponse, {
          idpCertPem: idp.certificate,
          idpIssuer: idp.entityId,
          audience: options.audience,
          callbackUrl: acsUrl,
        });
        const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
        const attribute = (name: string) => new RegExp(`${name}="([^"]+)"`).exec(xml)?.[1] ?? '';
        received.push({
          nameId: profile.nameID,
          audience: /<saml:Audience>([^<]+)</.exec(xml)?.[1] ?? '',
          recipient: attribute('Recipient'),
          notBefore: attribute('NotBefore'),
          notOnOrAfter: /<saml:Conditions[^>]*NotOnOrAfter="([^"]+)"/.exec(xml)?.[1] ?? '',
          relayState: form.get('RelayState'),
          receivedAt: Date.now(),
        });
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        response.end(`<!DOCTYPE html><title>Test SP</title><h1>Welcome ${profile.nameID.replace(/[<&>"]/g, '')}</h1>`);
      } catch (error) {
        rejected.push(error instanceof Error ? error.message : String(error));
        response.writeHead(403, { 'Content-Type': 'text/plain' });
        response.end(`Rejected: ${String(error)}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  acsUrl = `https://127.0.0.1:${port}/acs`;

  return {
    acsUrl,
    received,
    rejected,
    /** Configures the SP from the IdP's metadata XML (entity id and signing certificate). */
    trustMetadata(xml: string) {
      const entityId = /entityID="([^"]+)"/.exec(xml)?.[1];
      const certificate = /<ds:X509Certificate>([^<]+)</.exec(xml)?.[1];
      if (!entityId || !certificate) throw new Error('metadata without entity id or certificate');
      idp = { entityId, certificate };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
