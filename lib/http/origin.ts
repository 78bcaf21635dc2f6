import { type Env, type HeaderReader, isHttpsRequest, listedRequestHost } from './hosts';

/**
 * The origin users reach this server at, for realm URLs and metadata: REALMGATE_PUBLIC_URL, otherwise the
 * request's own host, but only a listed one (lib/http/hosts.ts): a name chosen by whoever sent the request
 * must never end up in a URL we hand out. Null when neither is known.
 */
export function publicOrigin(headers: HeaderReader, env: Env = process.env): string | null {
  const configured = env.REALMGATE_PUBLIC_URL?.trim();
  if (configured) return configured.replace(/\/+$/, '');
  const host = listedRequestHost(headers, env);
  return host && `${isHttpsRequest(headers, env) ? 'https' : 'http'}://${host}`;
}

/** A realm's SSO URL; relative when no public origin is known. */
export function ssoUrl(origin: string | null, slug: string): string {
  return `${origin ?? ''}/sso/${slug}`;
}
