import { randomBytes } from 'node:crypto';

/**
 * Responses of the end-user SSO pages: a CSP that allows only this response's nonce, no framing, no referrer
 * (the SAMLResponse must not leak to other sites), never cached.
 */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export function htmlResponse(html: string, options: { nonce: string; status?: number; formAction?: string; cookies?: string[] }): Response {
  const headers = new Headers({
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
  });
  for (const cookie of options.cookies ?? []) headers.append('Set-Cookie', cookie);
  const response = new Response(html, { status: options.status ?? 200, headers });
  htmlBodies.set(response, html);
  return response;
}

/** The HTML of the responses made above, for lib/sso/direct.ts: writing it costs less than reading the body's stream. */
const htmlBodies = new WeakMap<Response, string>();

export const htmlBodyOf = (response: Response): string | undefined => htmlBodies.get(response);

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

export function readCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
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
