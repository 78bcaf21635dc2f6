import { type KeyObject, createHash, sign } from 'node:crypto';

import { type XmlElement, envelop, toCanonicalXml } from './canonical-xml';

const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

export type SigningKey = { privateKey: KeyObject; certificateBase64: string };

const algorithm = (name: string, uri: string): XmlElement => ({ name, attributes: { Algorithm: uri } });

function buildSignedInfo(referenceId: string, digestValue: string): XmlElement {
  return {
    name: 'ds:SignedInfo',
    children: [
      algorithm('ds:CanonicalizationMethod', EXC_C14N),
      algorithm('ds:SignatureMethod', RSA_SHA256),
      {
        name: 'ds:Reference',
        attributes: { URI: `#${referenceId}` },
        children: [
          { name: 'ds:Transforms', children: [algorithm('ds:Transform', ENVELOPED), algorithm('ds:Transform', EXC_C14N)] },
          algorithm('ds:DigestMethod', SHA256),
          { name: 'ds:DigestValue', children: [digestValue] },
        ],
      },
    ],
  };
}

/**
 * Adds an enveloped XML-DSig signature to an element (an Assertion or a Response), placed right after its
 * Issuer as SAML core §5.4.1 requires: RSA-SHA256 (PKCS #1 v1.5), SHA-256 digest, exclusive c14n, the
 * certificate in KeyInfo. The only signing code in Realmgate (STYLE §5); callers do not choose algorithms.
 *
 * The element is signed before its signature is added, so its canonical form is what a verifier computes after
 * the enveloped-signature transform removes the signature again (XML-DSig §6.6.4). The digest covers the bytes
 * the document will carry (canonical-xml.ts), with no parsing and no XPath.
 */
export function signElement(element: XmlElement, key: SigningKey): XmlElement {
  const [issuer] = element.children ?? [];
  const id = element.attributes?.ID;
  if (typeof issuer !== 'object' || issuer.name !== 'saml:Issuer' || !id) {
    throw new Error(`${element.name} cannot be signed: it needs an ID and an Issuer first`);
  }
  const enveloped = envelop(element);
  const digestValue = createHash('sha256').update(enveloped.canonical).digest('base64');
  const signedInfo = buildSignedInfo(id, digestValue);
  const signatureValue = sign('sha256', Buffer.from(toCanonicalXml(signedInfo)), key.privateKey).toString('base64');
  const signature: XmlElement = {
    name: 'ds:Signature',
    children: [
      signedInfo,
      { name: 'ds:SignatureValue', children: [signatureValue] },
      {
        name: 'ds:KeyInfo',
        children: [{ name: 'ds:X509Data', children: [{ name: 'ds:X509Certificate', children: [key.certificateBase64] }] }],
      },
    ],
  };
  return enveloped.insert(signature);
}
