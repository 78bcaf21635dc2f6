import { NS, toXml } from './xml';

export type IdpMetadataInput = {
  /** The realm's Issuer: the IdP's entity ID. */
  entityId: string;
  /** https://<domain>/sso/<realm>: where service providers send users and requests. */
  ssoUrl: string;
  /** The signing certificates (DER, base64): the current one, then a planned next one (rollover). */
  certificatesBase64: string[];
  nameIdFormats: string[];
  /** Require signed AuthnRequests: metadata says so truthfully (SAML metadata §2.4.3). */
  wantAuthnRequestsSigned: boolean;
};

const BINDINGS = Object.freeze(['urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST']);

/** The IdP metadata document (SAML metadata §2.4.3) that Mimecast and other SPs import. */
export function buildIdpMetadata(input: IdpMetadataInput): string {
  return toXml(
    {
      'md:EntityDescriptor': {
        '@xmlns:md': NS.metadata,
        '@xmlns:ds': NS.dsig,
        '@entityID': input.entityId,
        'md:IDPSSODescriptor': {
          '@WantAuthnRequestsSigned': String(input.wantAuthnRequestsSigned),
          '@protocolSupportEnumeration': NS.protocol,
          'md:KeyDescriptor': input.certificatesBase64.map((certificate) => ({
            '@use': 'signing',
            'ds:KeyInfo': { 'ds:X509Data': { 'ds:X509Certificate': certificate } },
          })),
          'md:NameIDFormat': input.nameIdFormats,
          'md:SingleSignOnService': BINDINGS.map((binding) => ({ '@Binding': binding, '@Location': input.ssoUrl })),
        },
      },
    },
    { pretty: true },
  );
}
