import { CONSOLE_BODY_LIMIT, CONSOLE_BODY_TOO_LARGE, PayloadTooLargeError, readLimitedBody } from './body';
import { type Env, listedRequestHost } from './hosts';

/**
 * What proxy.ts checks before Next sees a console request (every path but /sso/, Next's static files and the
 * operations endpoints /healthz, /readyz and /metrics): pages, server actions and route handlers alike. The
 * end-user pages under /sso/ answer any host and guard themselves (lib/sso).
 */

/** Pages and their prefetches (GET, HEAD) and server actions (POST): nothing else reaches the console. */
const CONSOLE_METHODS = Object.freeze(['GET', 'HEAD', 'POST']);

// Next's server-action client shows the text of a text/plain error response, but only with exactly this type.
const plain = (status: number, message: string, headers: Record<string, string> = {}) =>
  new Response(`${message}\n`, { status, headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store', ...headers } });

/** The refusal for a console request Realmgate will not serve, or null to let it through. */
export async function refuseConsoleRequest(request: Request, env: Env = process.env): Promise<Response | null> {
  const host = listedRequestHost(request.headers, env);
  if (!host) {
    // RFC 9110 §15.5.20: 421 Misdirected Request, "not able to produce a response for this target".
    return plain(
      421,
      'Realmgate does not answer to this host name. Open the console at localhost or at a host listed in REALMGATE_PUBLIC_URL or REALMGATE_ALLOWED_HOSTS.',
    );
  }
  if (!CONSOLE_METHODS.includes(request.method)) {
    return plain(405, 'The console does not accept this request method.', { Allow: CONSOLE_METHODS.join(', ') });
  }
  if (request.method === 'POST' && isForeignOrigin(request.headers.get('origin'), host)) {
    // Another site's page posting with the admin's cookies (a server action, the sign-in form): refused here with
    // a plain 403 rather than by Next's own check, which answers 500.
    return plain(403, 'The console accepts changes only from its own pages.');
  }
  try {
    await readLimitedBody(request, CONSOLE_BODY_LIMIT, CONSOLE_BODY_TOO_LARGE);
  } catch (error) {
    if (error instanceof PayloadTooLargeError) return plain(413, error.message);
    throw error;
  }
  return null;
}

/** An Origin header naming another host than the one the request was sent to ("null" included). */
function isForeignOrigin(origin: string | null, host: string): boolean {
  if (origin === null) return false; // not sent by a browser: no ambient cookies to abuse
  try {
    return new URL(origin).host.toLowerCase() !== host;
  } catch {
    return true;
  }
}

/**
 * The console's Content-Security-Policy. Scripts run only under this response's nonce ('strict-dynamic' lets the
 * chunks they load run too); Next puts the nonce on its own scripts when proxy.ts passes the policy on as a
 * request header. Styles stay 'unsafe-inline': React and Radix set style attributes and Radix injects a
 * <style> without our nonce, and CSS cannot run script. Development needs eval for React's error overlay.
 */
export function consoleContentSecurityPolicy(nonce: string, development = process.env.NODE_ENV === 'development'): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:", // the logo preview is a data: URL
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
