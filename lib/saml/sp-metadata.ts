import type { Element } from '@xmldom/xmldom';

import { HTTP_POST_BINDING } from './authn-request';
import { UnsafeXmlError, childrenNamed, parseUntrustedXml, textOf } from './safe-xml';
import { NS } from './xml';

/**
 * An SP's metadata (SAML metadata §2.4.4), read for the Post Authentication tab's "SP metadata" import: its entity ID,
 * its HTTP-POST ACS URLs (the default first) and its signing certificate. Read as safely as an AuthnRequest.
 */

/** Metadata files of one SP are a few kilobytes; federation aggregates are not what this import is for. */
export const MAX_SP_METADATA_BYTES = 256 * 1024;

export class SpMetadataError extends Error {}

export type SpMetadata = { entityId: string; acsUrls: string[]; signingCertificatePem: string | null };

const fail = (message: string): never => {
  throw new SpMetadataError(message);
};

function entityDescriptor(root: Element): Element {
  if (root.namespaceURI !== NS.metadata) return fail('This is not SAML metadata (no md:EntityDescriptor).');
  if (root.localName === 'EntityDescriptor') return root;
  const entities = root.localName === 'EntitiesDescriptor' ? childrenNamed(root, NS.metadata, 'EntityDescriptor') : [];
  const withSp = entities.filter((entity) => childrenNamed(entity, NS.metadata, 'SPSSODescriptor').length > 0);
  if (withSp.length !== 1 || !withSp[0]) return fail('Give the metadata of one service provider (this file describes several or none).');
  return withSp[0];
}

/** The ACS URLs for HTTP-POST, the one marked isDefault first, then by index. */
function postAcsUrls(sp: Element): string[] {
  const services = childrenNamed(sp, NS.metadata, 'AssertionConsumerService').filter(
    (acs) => acs.getAttribute('Binding') === HTTP_POST_BINDING,
  );
  const rank = (acs: Element) => (acs.getAttribute('isDefault') === 'true' ? -1 : Number(acs.getAttribute('index') ?? 0));
  return [...services].sort((a, b) => rank(a) - rank(b)).map((acs) => acs.getAttribute('Location') ?? '');
}

/** The first signing certificate (a KeyDescriptor with use="signing" or no use), as PEM with 64-character lines. */
function signingCertificate(sp: Element): string | null {
  const descriptors = childrenNamed(sp, NS.metadata, 'KeyDescriptor').filter((key) => (key.getAttribute('use') ?? 'signing') === 'signing');
  for (const descriptor of descriptors) {
    const base64 = textOf(descriptor.getElementsByTagNameNS(NS.dsig, 'X509Certificate')[0] ?? descriptor).replace(/\s/g, '');
    if (/^[A-Za-z0-9+/]+=*$/.test(base64))
      return `-----BEGIN CERTIFICATE-----\n${base64.replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----`;
  }
  return null;
}

export function readSpMetadata(bytes: Uint8Array): SpMetadata {
  let root: Element | null;
  try {
    root = parseUntrustedXml(bytes, MAX_SP_METADATA_BYTES).documentElement;
  } catch (error) {
    if (error instanceof UnsafeXmlError) return fail(`This metadata cannot be read: ${error.message}.`);
    throw error;
  }
  const entity = entityDescriptor(root ?? fail('This is not SAML metadata.'));
  const [sp] = childrenNamed(entity, NS.metadata, 'SPSSODescriptor');
  if (!sp) return fail('This metadata describes no service provider (no SPSSODescriptor).');
  const entityId = entity.getAttribute('entityID') ?? '';
  if (!entityId) fail('This metadata has no entityID.');
  return { entityId, acsUrls: postAcsUrls(sp), signingCertificatePem: signingCertificate(sp) };
}
