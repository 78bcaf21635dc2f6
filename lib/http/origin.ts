/**
 * The origin users reach this server at, for realm URLs and metadata. REALMGATE_PUBLIC_URL wins; otherwise the
 * request's Host. X-Forwarded-Host/-Proto are anyone's to send, so they count only behind a proxy the admin
 * declared with REALMGATE_TRUST_PROXY=1.
 */
export function publicOrigin(headers: Headers, env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.REALMGATE_PUBLIC_URL?.trim();
  if (configured) return configured.replace(/\/+$/, '');
  const trustProxy = env.REALMGATE_TRUST_PROXY === '1';
  const forwarded = (name: string) => (trustProxy ? headers.get(name)?.split(',')[0]?.trim() : undefined);
  const host = forwarded('x-forwarded-host') || headers.get('host') || 'localhost:3000';
  const proto = forwarded('x-forwarded-proto') || 'http';
  return `${proto}://${host}`;
}

export function ssoUrl(origin: string, slug: string): string {
  return `${origin}/sso/${slug}`;
}
