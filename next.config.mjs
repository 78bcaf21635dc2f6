import { sourceHash } from './scripts/lib.mjs';

/**
 * Headers for the console. Its Content-Security-Policy carries a fresh script nonce per request, so proxy.ts
 * sets it (lib/http/console.ts); these are the fixed ones.
 */
const SECURITY_HEADERS = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The database drivers (libsql loads a native module); keep them out of the server bundle.
  serverExternalPackages: ['@libsql/client', '@prisma/adapter-libsql', 'libsql', '@prisma/adapter-pg', 'pg'],
  // One build, many instances: the same sources give the same build ID on every machine that builds them, so
  // instances built apart still agree on it (the server-action key comes from REALMGATE_SECRET_KEY: scripts/lib.mjs).
  generateBuildId: () => `realmgate-${sourceHash().slice(0, 16)}`,
  poweredByHeader: false,
  experimental: {
    // Console bodies are capped at 1 MB by proxy.ts, with a 413 the forms explain (lib/http/body.ts); Next's own
    // limit only answers a 500. Logo uploads travel inside the Overview form's server action: 256 KB of image as
    // base64, plus fields.
    serverActions: { bodySizeLimit: '1mb' },
    // What proxy.ts gets to read of a body (Next copies it for the proxy and cuts the copy silently at this
    // size): above the 1 MB cap, so that the proxy sees that any larger body is too large.
    proxyClientMaxBodySize: '2mb',
  },
  async headers() {
    // The end-user pages under /sso set their own, stricter nonce CSP (lib/sso/http.ts).
    return [{ source: '/((?!sso/).*)', headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
