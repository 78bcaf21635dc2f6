/**
 * The host names Realmgate answers as itself: its defence against DNS rebinding, and the only hosts it builds
 * absolute URLs from.
 *
 * A web page on a domain whose owner re-points it at 127.0.0.1 is "same origin" with whatever listens there:
 * the browser only knows the name, and it keeps sending that name as Host. Refusing names we do not know ends
 * the attack. Known are: loopback names and addresses (localhost, 127.0.0.0/8, [::1]) on Realmgate's own PORT,
 * the host of REALMGATE_PUBLIC_URL, and the entries of REALMGATE_ALLOWED_HOSTS (comma separated). An entry
 * without a port allows its name on any port: only whoever controls a name's DNS can point it at us.
 *
 * Behind a proxy declared with REALMGATE_TRUST_PROXY=1 the name the browser asked for arrives as
 * X-Forwarded-Host (the proxy's own Host is its upstream address), so that is the one checked. It must be
 * listed like any other: otherwise a rebinding domain pointed at the proxy would pass as the proxy's address.
 */

/** The settings read here: process.env, or a table of them in tests. */
/** What is read of a request's headers: a fetch Request's Headers, or lib/sso/direct.ts's view of Node's. */
export type HeaderReader = Pick<Headers, 'get'>;

export type Env = Readonly<Record<string, string | undefined>>;

type HostPort = { name: string; port: string | null };

// A host name or IPv4 address, or a bracketed IPv6 address, and an optional port: nothing else (no user info,
// no path), so what we compare is exactly what the browser addressed.
const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::(\d{1,5}))?$/;

function parseHost(value: string): HostPort | null {
  const match = HOST.exec(value.trim().toLowerCase());
  return match?.[1] ? { name: match[1], port: match[2] ?? null } : null;
}

function isLoopback(name: string): boolean {
  if (name === 'localhost' || name === '[::1]') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/** An entry of REALMGATE_ALLOWED_HOSTS or REALMGATE_PUBLIC_URL: a host[:port], or a URL whose host counts. */
function hostOfEntry(entry: string): HostPort | null {
  if (!entry.includes('://')) return parseHost(entry);
  try {
    return parseHost(new URL(entry.trim()).host);
  } catch {
    return null;
  }
}

function listedHosts(env: Env): HostPort[] {
  const entries = [env.REALMGATE_PUBLIC_URL ?? '', ...(env.REALMGATE_ALLOWED_HOSTS ?? '').split(',')];
  return entries.map(hostOfEntry).filter((entry) => entry !== null);
}

/**
 * An X-Forwarded-* header, counted only behind a proxy the admin declared. Its last value: that is the one the
 * proxy in front of us added; proxies that append (Apache does) keep whatever the client sent before it.
 */
function forwarded(headers: HeaderReader, name: string, env: Env): string | undefined {
  if (env.REALMGATE_TRUST_PROXY !== '1') return undefined;
  return headers.get(name)?.split(',').at(-1)?.trim() || undefined;
}

/** The host (name[:port]) the browser addressed: Host, or X-Forwarded-Host from a declared proxy. */
export function requestHost(headers: HeaderReader, env: Env = process.env): string {
  return forwarded(headers, 'x-forwarded-host', env) ?? headers.get('host') ?? '';
}

/** Whether the request reached us over https: the public URL is https, or a declared proxy says so. */
export function isHttpsRequest(headers: HeaderReader, env: Env = process.env): boolean {
  const publicUrl = env.REALMGATE_PUBLIC_URL?.trim().toLowerCase() ?? '';
  return publicUrl.startsWith('https://') || forwarded(headers, 'x-forwarded-proto', env)?.toLowerCase() === 'https';
}

/** Whether Realmgate answers as `host`; `https` picks the port a host without one means. */
export function isListedHost(host: string, https: boolean, env: Env = process.env): boolean {
  const requested = parseHost(host);
  if (!requested) return false;
  const port = requested.port ?? (https ? '443' : '80');
  if (isLoopback(requested.name) && port === (env.PORT || '3000')) return true;
  return listedHosts(env).some((entry) => entry.name === requested.name && (entry.port === null || entry.port === port));
}

/** The host this request addressed when Realmgate knows it as its own, otherwise null. */
export function listedRequestHost(headers: HeaderReader, env: Env = process.env): string | null {
  const host = requestHost(headers, env);
  return isListedHost(host, isHttpsRequest(headers, env), env) ? host.trim().toLowerCase() : null;
}
