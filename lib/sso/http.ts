import { randomString } from '@/lib/crypto/random';
import type { HeaderReader } from '@/lib/http/hosts';

/**
 * What the /sso handlers read of a request: its URL (path and query) and headers. A fetch Request is one (the routes
 * and tests pass theirs); lib/sso/direct.ts makes one of Node's request without building a fetch Request (issue 11).
 */
export type SsoRequest = { readonly url: string; readonly headers: HeaderReader };

/**
 * Responses of the end-user SSO pages: a CSP that allows only this response's nonce, no framing, no referrer
 * (the SAMLResponse must not leak to other sites), never cached.
 */
export function newNonce(): string {
  return randomString(16, 'base64');
}

/**
 * An /sso answer: status, header fields, Set-Cookie values and body. The routes hand Next a fetch Response of it
 * (toResponse); lib/sso/direct.ts writes it to Node's response without one, because building web Headers and a
 * Response costs more than the page they carry (issue 11). `headers` and `text()` read it as a Response would.
 */
export class SsoReply {
  constructor(
    readonly status: number,
    readonly fields: Readonly<Record<string, string>>,
    readonly cookies: readonly string[] = [],
    readonly body: string | null = null,
  ) {}

  get headers(): Headers {
    const headers = new Headers(this.fields);
    for (const cookie of this.cookies) headers.append('Set-Cookie', cookie);
    return headers;
  }

  async text(): Promise<string> {
    return this.body ?? '';
  }

  toResponse(): Response {
    return new Response(this.body, { status: this.status, headers: this.headers });
  }
}

/** A redirect (303 See Other) to `location`, never cached, telling the next site nothing of this URL. */
export const seeOther = (location: string, cookies: readonly string[] = []) =>
  new SsoReply(303, { Location: location, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }, cookies);

export function htmlResponse(html: string, options: { nonce: string; status?: number; formAction?: string; cookies?: string[] }): SsoReply {
  const fields = {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': [
      "default-src 'none'",
      `script-src 'nonce-${options.nonce}'`,
      `style-src 'nonce-${options.nonce}'`,
      "img-src 'self'",
      `form-action ${options.formAction ?? "'self'"}`,
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
  };
  return new SsoReply(options.status ?? 200, fields, options.cookies, html);
}

export type CookieOptions = { path: string; secure: boolean; maxAgeSeconds?: number; sameSite?: 'Lax' | 'Strict' };

/** A Set-Cookie value; names and values here are tokens and base64url, so nothing needs quoting. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${value}`,
    `Path=${options.path}`,
    'HttpOnly',
    `SameSite=${options.sameSite ?? 'Lax'}`,
    options.secure ? 'Secure' : '',
    options.maxAgeSeconds === undefined ? '' : `Max-Age=${options.maxAgeSeconds}`,
  ]
    .filter(Boolean)
    .join('; ');
}

export function readCookie(request: SsoRequest, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const pair = part.trim();
    const equals = pair.indexOf('=');
    if ((equals < 0 ? pair : pair.slice(0, equals)) === name) return equals < 0 ? '' : pair.slice(equals + 1);
  }
  return undefined;
}

/**
 * The answers for methods an /sso route does not serve. Next answers a method a route does not export with a
 * bare 405, and its automatic OPTIONS lists every exported handler, these refusals included; a 405 must name the
 * allowed methods (RFC 9110 §15.5.6). `served`: the route's own handlers (Next answers HEAD with GET).
 */
export function otherMethods(...served: ('GET' | 'POST')[]) {
  const allow = [...served, 'HEAD', 'OPTIONS'].sort().join(', ');
  return {
    refuse: () =>
      new Response('This address does not accept this request method.\n', {
        status: 405,
        headers: { Allow: allow, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
      }),
    options: () => new Response(null, { status: 204, headers: { Allow: allow } }),
  };
}
