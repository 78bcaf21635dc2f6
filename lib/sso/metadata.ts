import 'server-only';

import { loadSigningCredentials } from '@/lib/certificates/store';
import { publicOrigin } from '@/lib/http/origin';
import { logError } from '@/lib/log';
import { isHostname } from '@/lib/realm/schemas/fields';
import { buildIdpMetadata } from '@/lib/saml/metadata';

import { loadSsoRealm } from './realm';

const text = (message: string, status: number) =>
  new Response(`${message}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });

/** A host name with an optional port: what a browser would put in https://<domain>/sso/<realm>. */
export function parseDomain(value: string): string | null {
  const match = /^([^:]+)(?::(\d{1,5}))?$/.exec(value);
  const [, host, port] = match ?? [];
  if (!host || !isHostname(host)) return null;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return null;
  return value.toLowerCase();
}

/**
 * GET /sso/<realm>/metadata?domain=<domain>: the realm's IdP metadata for service providers (Mimecast guide
 * step 12). The domain defaults to the address the request came to.
 */
export async function handleMetadata(request: Request, slug: string): Promise<Response> {
  try {
    const requested = new URL(request.url).searchParams.get('domain');
    const domain = parseDomain(requested ?? new URL(publicOrigin(request.headers)).host);
    if (!domain) {
      return text(`"${requested}" is not a domain: give a host name such as idp.example.com (no https://, no path).`, 400);
    }
    const realm = await loadSsoRealm(slug);
    if (!realm) return text('There is no realm at this address.', 404);
    const config = realm.postAuthentication;
    if (!config.issuer) return text('This realm has no Issuer yet: set WS Fed / SAML Issuer on Post Authentication.', 409);
    const credentials = await loadSigningCredentials(config.signingCertificateId || null);
    if (!credentials) return text('This realm has no signing certificate: generate or import one on the Certificates page.', 409);
    const xml = buildIdpMetadata({
      entityId: config.issuer,
      ssoUrl: `https://${domain}/sso/${realm.slug}`,
      certificateBase64: credentials.certificateBase64,
      nameIdFormats: [config.nameIdFormat],
    });
    return new Response(xml, {
      headers: {
        'Content-Type': 'application/samlmetadata+xml; charset=utf-8',
        'Content-Disposition': `attachment; filename="${realm.slug}-idp-metadata.xml"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    return text(`The metadata could not be built (reference ${logError(`metadata ${slug}`, error)}).`, 500);
  }
}
