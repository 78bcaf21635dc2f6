// Service providers for the SP-initiated tests: node-saml and pysaml2 (test/pysaml2/sp.py), each starting a sign-in
// at a realm by HTTP-Redirect or HTTP-POST and checking what comes back, as they do for real.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';

import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { expect } from 'vitest';

import { createRealm } from '@/lib/realm/realm-list-repository';
import type { TabValues } from '@/lib/realm/schemas';
import { TEST_ADMIN } from '@/test/admin';

import { handleRealmGet, handleRealmPost } from './endpoint';
import { handleMetadata } from './metadata';
import { ACS, PASSWORD, type TestBrowser, realmValues, type Reply } from './test-realm';

export const SP_ENTITY_ID = 'https://sp.example.com';
export const OTHER_ACS = 'https://sp.example.com/saml/second-acs';
export const IDP_DOMAIN = 'idp.test';

/** A throwaway key pair and self-signed certificate for an SP that signs its requests (openssl, made once per file). */
let keys: { keyFile: string; certFile: string; keyPem: string; certPem: string } | null = null;
export function spKeys() {
  if (keys) return keys;
  const dir = mkdtempSync(path.join(tmpdir(), 'realmgate-sp-'));
  const [keyFile, certFile] = [path.join(dir, 'sp.key'), path.join(dir, 'sp.crt')];
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '3', '-subj', '/CN=test-sp'],
    {
      stdio: 'pipe',
    },
  );
  keys = { keyFile, certFile, keyPem: readFileSync(keyFile, 'utf8'), certPem: readFileSync(certFile, 'utf8') };
  return keys;
}

let realms = 0;

/** A realm whose SP starts sign-ins: Domain idp.test (its requests' Destination), a second ACS, the SP's certificate. */
export async function spRealm(change: Partial<TabValues['post-authentication']> = {}) {
  return createRealm(TEST_ADMIN, `SP Initiated ${(realms += 1)}`, (defaults) => {
    const values = realmValues(defaults);
    return {
      ...values,
      'post-authentication': {
        ...values['post-authentication'],
        redirect: 'saml-sp-initiated',
        spStartUrl: 'https://sp.example.com/login',
        metadataDomain: IDP_DOMAIN,
        allowedAcsUrls: OTHER_ACS,
        spCertificate: spKeys().certPem.trim(),
        ...change,
      },
    };
  });
}

export const ssoUrlOf = (slug: string) => `https://${IDP_DOMAIN}/sso/${slug}`;

export async function idpMetadata(slug: string): Promise<string> {
  const response = await handleMetadata(new Request(`http://${IDP_DOMAIN}/sso/${slug}/metadata?domain=${IDP_DOMAIN}`), slug);
  expect(response.status).toBe(200);
  return response.text();
}

export type Binding = 'redirect' | 'post';
export type LoginOptions = { binding: Binding; sign?: boolean; relayState?: string; forceAuthn?: boolean; isPassive?: boolean };
/** A request as the browser carries it to the realm: a URL (Redirect) or a form to post (POST). */
export type Started = { requestId: string; url?: string; form?: Record<string, string> };

export function nodeSamlSp(slug: string, metadataXml: string, options: LoginOptions & { callbackUrl?: string }) {
  const idpCert = /<ds:X509Certificate>([^<]+)</.exec(metadataXml)?.[1] ?? '';
  return new SAML({
    entryPoint: ssoUrlOf(slug),
    issuer: SP_ENTITY_ID,
    callbackUrl: options.callbackUrl ?? ACS,
    idpCert,
    idpIssuer: 'urn:realmgate:test-idp',
    audience: SP_ENTITY_ID,
    privateKey: options.sign ? spKeys().keyPem : undefined,
    signatureAlgorithm: 'sha256',
    authnRequestBinding: options.binding === 'post' ? 'HTTP-POST' : 'HTTP-Redirect',
    forceAuthn: options.forceAuthn ?? false,
    passive: options.isPassive ?? false,
    validateInResponseTo: ValidateInResponseTo.always,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    acceptedClockSkewMs: 0,
  });
}

/** HTML attribute text as the browser reads it. */
export const unescapeHtml = (text: string) =>
  text
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&(quot|apos|lt|gt|amp);/g, (_m, name: string) => ({ quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' })[name as 'amp']);

/** node-saml starts a sign-in; its request ID is read from the message (node-saml keeps it for InResponseTo). */
export async function startWithNodeSaml(saml: SAML, options: LoginOptions): Promise<Started> {
  const relayState = options.relayState ?? '';
  if (options.binding === 'redirect') {
    const url = await saml.getAuthorizeUrlAsync(relayState, undefined, {});
    const xml = inflateRawSync(Buffer.from(new URL(url).searchParams.get('SAMLRequest') ?? '', 'base64'));
    return { requestId: /ID="([^"]+)"/.exec(xml.toString())?.[1] ?? '', url };
  }
  const html = await saml.getAuthorizeFormAsync(relayState);
  const fields = Object.fromEntries(
    [...html.matchAll(/name="(SAMLRequest|RelayState)" value="([^"]*)"/g)].map((m) => [m[1], unescapeHtml(m[2] ?? '')]),
  );
  // node-saml deflates POSTed requests too (unless skipRequestCompression).
  const xml = inflateRawSync(Buffer.from(fields.SAMLRequest ?? '', 'base64')).toString();
  return { requestId: /ID="([^"]+)"/.exec(xml)?.[1] ?? '', form: fields as Record<string, string> };
}

const PYSAML2_SP = path.resolve(process.cwd(), 'test', 'pysaml2', 'sp.py');

function runPysaml2(command: Record<string, unknown>): Record<string, unknown> {
  const { keyFile, certFile } = spKeys();
  const output = execFileSync('/usr/bin/python3', [PYSAML2_SP], {
    input: JSON.stringify({ entity_id: SP_ENTITY_ID, acs: ACS, key_file: keyFile, cert_file: certFile, ...command }),
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return JSON.parse(output) as Record<string, unknown>;
}

export function startWithPysaml2(metadataXml: string, options: LoginOptions): Started {
  const answer = runPysaml2({
    action: 'start',
    idp_metadata: metadataXml,
    binding: options.binding,
    sign: options.sign ?? false,
    relay_state: options.relayState ?? '',
    force_authn: options.forceAuthn ?? false,
    is_passive: options.isPassive ?? false,
  });
  return {
    requestId: String(answer.request_id),
    url: answer.url as string | undefined,
    form: answer.form as Record<string, string> | undefined,
  };
}

/** pysaml2 checks a Response as its SP does; throws with pysaml2's complaint when it refuses it. */
export function acceptWithPysaml2(metadataXml: string, samlResponse: string, requestId: string) {
  return runPysaml2({ action: 'accept', idp_metadata: metadataXml, saml_response: samlResponse, request_id: requestId }) as {
    name_id: string;
    in_response_to: string;
  };
}

/** The browser carries the SP's request to the realm: a GET of the URL, or the form posted (then the redirect followed). */
export async function deliver(client: TestBrowser, started: Started, slug: string, now: number): Promise<Reply> {
  if (started.url) {
    const query = new URL(started.url).search;
    return client.keep(await handleRealmGet(client.subRequest(query), slug, now));
  }
  const posted = client.keep(await handleRealmPost(client.subRequest('', started.form ?? {}), slug, now));
  expect(posted.status).toBe(303);
  expect(posted.headers.get('location')).toBe(`/sso/${slug}`);
  return client.get(now);
}

/** Username | Password as jane, from the sign-in page the request led to; the last response (the auto-POST page). */
export async function signInAsJane(client: TestBrowser, now: number): Promise<Reply> {
  await client.post({ step: 'username', username: 'jane' }, now);
  return client.post({ step: 'password', password: PASSWORD }, now);
}

/** What an auto-POST page sends: where to, the SAMLResponse (and its XML), the RelayState. */
export async function postedForm(response: Reply) {
  const html = await response.text();
  const value = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  const samlResponse = value('SAMLResponse');
  if (typeof samlResponse !== 'string') throw new Error(`no SAMLResponse in: ${html.slice(0, 400)}`);
  const relayState = value('RelayState');
  return {
    action: unescapeHtml(/<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? ''),
    samlResponse,
    xml: Buffer.from(samlResponse, 'base64').toString('utf8'),
    relayState: typeof relayState === 'string' ? unescapeHtml(relayState) : null,
  };
}
