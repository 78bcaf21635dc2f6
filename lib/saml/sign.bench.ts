import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { bench, describe } from 'vitest';

import { buildResponse } from './response';
import { signResponse } from './sign';

// The per-assertion budget (DESIGN "SAML"): build and sign one Response with a cached KeyObject.
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '__fixtures__', name), 'utf8');
const keyPem = fixture('test-idp-key.pem');
const certificateBase64 = fixture('test-idp-cert.pem').replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
const cachedKey = { privateKey: createPrivateKey(keyPem), certificateBase64 };

const input = {
  issuer: 'urn:realmgate:bench',
  destination: 'https://us-api.mimecast.com/login/sso/mpp',
  recipient: 'https://us-api.mimecast.com/login/sso/mpp',
  audience: 'us-api.mimecast.com.C0A0',
  nameId: 'jane.doe@example.com',
  nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
  offsetMinutes: 5,
  validHours: 1,
  authnInstant: new Date(),
  sessionIndex: '_bench',
  attributes: [{ name: 'mail', nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic', values: ['jane@example.com'] }],
};

describe('SAML Response, RSA-2048', () => {
  bench('build only', () => {
    buildResponse(input);
  });
  bench('build + sign assertion (cached KeyObject)', () => {
    signResponse(buildResponse(input).xml, cachedKey, { signAssertion: true, signMessage: false });
  });
  bench('build + sign assertion and message (cached KeyObject)', () => {
    signResponse(buildResponse(input).xml, cachedKey, { signAssertion: true, signMessage: true });
  });
  bench('build + sign assertion, key parsed from PEM each time (what the cache avoids)', () => {
    signResponse(
      buildResponse(input).xml,
      { privateKey: createPrivateKey(keyPem), certificateBase64 },
      { signAssertion: true, signMessage: false },
    );
  });
});
