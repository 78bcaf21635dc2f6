/**
 * The origin users reach this server at, for showing realm URLs in the console. Behind a reverse proxy set
 * REALMGATE_PUBLIC_URL; otherwise the request's own Host (and X-Forwarded-Proto) are used.
 */
export function publicOrigin(headers: Headers, env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.REALMGATE_PUBLIC_URL?.trim();
  if (configured) return configured.replace(/\/+$/, '');
  const host = headers.get('x-forwarded-host') ?? headers.get('host') ?? 'localhost:3000';
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || 'http';
  return `${proto}://${host}`;
}

export function ssoUrl(origin: string, slug: string): string {
  return `${origin}/sso/${slug}`;
}
