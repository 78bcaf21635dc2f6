/**
 * Headers for the console. Its pages need Next's inline bootstrap scripts, so their CSP limits everything
 * else (framing, plugins, base and form targets).
 */
const SECURITY_HEADERS = [
  {
    key: 'Content-Security-Policy',
    value: "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The libsql driver loads a native module; keep it out of the server bundle.
  serverExternalPackages: ['@libsql/client', '@prisma/adapter-libsql', 'libsql'],
  poweredByHeader: false,
  experimental: {
    // Logo uploads travel inside the Overview form's server action: 256 KB of image as base64, plus fields.
    serverActions: { bodySizeLimit: '1mb' },
  },
  async headers() {
    // The end-user pages under /sso set their own, stricter nonce CSP (lib/sso/http.ts); the console's
    // form-action 'self' would block the auto-POST to the service provider.
    return [{ source: '/((?!sso/).*)', headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
