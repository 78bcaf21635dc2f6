import 'server-only';

import { z } from 'zod';

import { loadSigningCredentials } from '@/lib/certificates/store';
import { SamlError } from '@/lib/errors';
import { publicOrigin, ssoUrl } from '@/lib/http/origin';
import { logError } from '@/lib/log';
import { resolveRealmCertificates } from '@/lib/realm/certificate-switch';
import { parseDomain } from '@/lib/realm/schemas/fields';
import { postAuthenticationSchema } from '@/lib/realm/schemas/post-authentication';
import { buildIdpMetadata } from '@/lib/saml/metadata';

import { MISCONFIGURED } from './messages';
import { loadSsoRealm } from './realm';

// What the metadata publishes, checked again as the tab checks it: a value stored before the form refused it
// (a control character in the Issuer) makes a misconfigured realm, not a crash.
const publishedSchema = z.object({
  issuer: postAuthenticationSchema.shape.issuer,
  nameIdFormat: postAuthenticationSchema.shape.nameIdFormat,
});

const HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

const text = (message: string, status: number) =>
  new Response(`${message}\n`, { status, headers: { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });

/** The host metadata names when the request does not say: the public URL's, or the request's own if listed. */
function defaultHost(request: Request): string | null {
  const origin = publicOrigin(request.headers);
  try {
    return origin && new URL(origin).host;
  } catch {
    return null; // a REALMGATE_PUBLIC_URL that is not a URL: the admin gets the message below
  }
}

/**
 * GET /sso/<realm>/metadata?domain=<domain>: the realm's IdP metadata for service providers (Mimecast guide
 * step 12). The domain defaults to the tab's saved Domain, then to REALMGATE_PUBLIC_URL, then to the address the
 * request came to, but only a listed one (lib/http/hosts.ts): anyone can send any Host.
 */
export async function handleMetadata(request: Request, slug: string, now = new Date()): Promise<Response> {
  try {
    const realm = await loadSsoRealm(slug);
    if (!realm) return text('There is no realm at this address.', 404);
    const config = realm.postAuthentication;
    const requested = new URL(request.url).searchParams.get('domain') ?? (config.metadataDomain || defaultHost(request));
    if (requested === null) {
      return text(
        'This address is not one Realmgate knows as its own, so the metadata cannot name it. Set REALMGATE_PUBLIC_URL to the address users reach Realmgate at, save a Domain on Post Authentication, or add ?domain=<host name>.',
        400,
      );
    }
    const domain = parseDomain(requested);
    if (!domain) return text('That is not a domain: give a host name such as idp.example.com (no https://, no path).', 400);
    if (!config.issuer) return text('This realm has no Issuer yet: set WS Fed / SAML Issuer on Post Authentication.', 409);
    const published = publishedSchema.safeParse(config);
    if (!published.success) {
      const fields = published.error.issues.map((issue) => issue.path.join('.')).join(', ');
      const reason = `realm ${realm.slug}: stored Post Authentication ${fields} cannot be published`;
      return text(
        `This realm is not set up correctly (reference ${logError(`metadata ${slug}`, new SamlError(MISCONFIGURED, reason))}).`,
        503,
      );
    }
    const { current, next } = await resolveRealmCertificates(realm.id, config, now);
    const credentials = await loadSigningCredentials(current || null);
    if (!credentials) return text('This realm has no signing certificate: generate or import one on the Certificates page.', 409);
    // Before a planned switch, service providers must trust both: the current certificate first, then the next.
    const nextCredentials = next ? await loadSigningCredentials(next) : null;
    const xml = buildIdpMetadata({
      entityId: published.data.issuer,
      ssoUrl: ssoUrl(`https://${domain}`, realm.slug),
      certificatesBase64: [credentials.certificateBase64, ...(nextCredentials ? [nextCredentials.certificateBase64] : [])],
      nameIdFormats: [published.data.nameIdFormat],
      wantAuthnRequestsSigned: config.requireSignedAuthn,
    });
    return new Response(xml, {
      headers: {
        ...HEADERS,
        'Content-Type': 'application/samlmetadata+xml; charset=utf-8',
        'Content-Disposition': `attachment; filename="${realm.slug}-idp-metadata.xml"`,
      },
    });
  } catch (error) {
    return text(`The metadata could not be built (reference ${logError(`metadata ${slug}`, error)}).`, 500);
  }
}
