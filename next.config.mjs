/** @type {import('next').NextConfig} */
const nextConfig = {
  // The libsql driver loads a native module; keep it out of the server bundle.
  serverExternalPackages: ['@libsql/client', '@prisma/adapter-libsql', 'libsql'],
  poweredByHeader: false,
  experimental: {
    // Logo uploads travel inside the Overview form's server action: 256 KB of image as base64, plus fields.
    serverActions: { bodySizeLimit: '1mb' },
  },
};

export default nextConfig;
