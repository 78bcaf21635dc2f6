import { type NextRequest, NextResponse } from 'next/server';

import { consoleContentSecurityPolicy, refuseConsoleRequest } from '@/lib/http/console';
import { newNonce } from '@/lib/sso/http';

/**
 * Next's request interceptor, for the console only (see `config`): refuses unknown hosts, methods and oversized
 * bodies (lib/http/console.ts), and gives each page a fresh script nonce.
 */
export async function proxy(request: NextRequest): Promise<Response> {
  const refusal = await refuseConsoleRequest(request);
  if (refusal) return refusal;
  const policy = consoleContentSecurityPolicy(newNonce());
  // Next takes the nonce from the request's policy and puts it on every script it renders.
  const headers = new Headers(request.headers);
  headers.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  // Not /sso/: the end-user pages serve any host and cap their own bodies before reading them (the proxy would
  // first copy a body into memory). Not Next's build files: nothing there depends on the host. Not /healthz,
  // /readyz and /metrics: load balancers and Prometheus call them by any name or address; they change nothing, and
  // /metrics asks for its token or an admin session itself (lib/metrics-endpoint.ts).
  matcher: ['/((?!sso/|_next/static/|healthz$|readyz$|metrics$).*)'],
};
