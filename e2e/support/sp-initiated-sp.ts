import { type Server, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';

import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';

import { selfSignedTls } from './test-sp';

export type SpSignIn = { nameId: string; relayState: string | null; inResponseTo: string };

/**
 * A node-saml service provider on https://127.0.0.1 that starts the sign-in itself (SP-initiated): GET /login sends
 * the browser to the IdP with an AuthnRequest by HTTP-Redirect; POST /acs accepts only a Response to a request it
 * made (node-saml checks InResponseTo against the IDs it issued) and records what it accepted.
 */
export async function startSpInitiatedSp(options: { entityId: string; relayState: string }) {
  const received: SpSignIn[] = [];
  const rejected: string[] = [];
  let saml: SAML | null = null;
  let base = '';

  const server: Server = createServer(selfSignedTls(), (request, response) => {
    const fail = (status: number, error: unknown) => {
      rejected.push(error instanceof Error ? error.message : String(error));
      response.writeHead(status, { 'Content-Type': 'text/plain' }).end(`Rejected: ${String(error)}`);
    };
    if (request.method === 'GET' && request.url === '/login') {
      if (!saml) return void fail(500, 'the SP does not know its IdP yet');
      saml.getAuthorizeUrlAsync(options.relayState, undefined, {}).then(
        (location) => response.writeHead(302, { Location: location }).end(),
        (error: unknown) => fail(500, error),
      );
      return;
    }
    if (request.method !== 'POST' || request.url !== '/acs' || !saml) return void response.writeHead(404).end();
    const sp = saml;
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const form = new URLSearchParams(body);
      const samlResponse = form.get('SAMLResponse') ?? '';
      sp.validatePostResponseAsync({ SAMLResponse: samlResponse }).then(
        ({ profile }) => {
          if (!profile) return fail(403, 'no profile');
          const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
          received.push({
            nameId: profile.nameID,
            relayState: form.get('RelayState'),
            inResponseTo: /InResponseTo="([^"]+)"/.exec(xml)?.[1] ?? '',
          });
          response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
          response.end(`<!DOCTYPE html><title>SP</title><h1>Welcome ${profile.nameID.replace(/[<&>"]/g, '')}</h1>`);
        },
        (error: unknown) => fail(403, error),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const acsUrl = `${base}/acs`;

  return {
    acsUrl,
    loginUrl: `${base}/login`,
    received,
    rejected,
    /** The SP's own metadata, for the realm's "SP metadata" import. */
    metadata: () => new SAML({ issuer: options.entityId, callbackUrl: acsUrl, idpCert: 'unused' }).generateServiceProviderMetadata(null),
    /** Trusts the IdP of this metadata, whose SSO URL the browser reaches at `ssoUrl`. */
    trustIdp(ssoUrl: string, metadataXml: string) {
      const idpCert = /<ds:X509Certificate>([^<]+)</.exec(metadataXml)?.[1];
      const idpIssuer = /entityID="([^"]+)"/.exec(metadataXml)?.[1];
      if (!idpCert || !idpIssuer) throw new Error('IdP metadata without certificate or entity id');
      saml = new SAML({
        entryPoint: ssoUrl,
        issuer: options.entityId,
        callbackUrl: acsUrl,
        idpCert,
        idpIssuer,
        audience: options.entityId,
        validateInResponseTo: ValidateInResponseTo.always,
        wantAssertionsSigned: true,
        wantAuthnResponseSigned: true,
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
