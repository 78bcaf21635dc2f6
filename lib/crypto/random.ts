import { randomFillSync } from 'node:crypto';

/**
 * Random strings for per-response values (SAML IDs, CSP nonces), from bytes of the CSPRNG drawn 4 KB at a time:
 * each draw is a call into OpenSSL's generator, and every SSO response needs several small ones (issue 11). A
 * byte is handed out once and never again. Tokens that outlive a response (sessions, codes) use randomBytes.
 */
const pool = Buffer.alloc(4096);
let used = pool.length;

export function randomString(bytes: number, encoding: 'hex' | 'base64'): string {
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += bytes;
  return pool.toString(encoding, used - bytes, used);
}
