import 'server-only';

import { randomBytes, timingSafeEqual } from 'node:crypto';

import { macOf } from '@/lib/crypto/secrets';

/**
 * The sign-in form's login-CSRF token: the same value in the realmgate_csrf cookie and a hidden field (double
 * submit), and a value only this server can make: 16 random bytes and their HMAC, bound to the realm, under a
 * key derived from the master key. Without the HMAC, anyone able to plant a cookie (a sibling subdomain, a
 * network attacker on plain http) could pick a pair of their own, e.g. 32 × "A".
 */
const PURPOSE = 'sign-in-csrf';
const RANDOM_BYTES = 16;
/** 16 random bytes and a 32-byte HMAC-SHA256, as base64url: 48 bytes, exactly 64 characters. */
const TOKEN = /^[A-Za-z0-9_-]{64}$/;

const macFor = (realmId: string, random: Buffer) => macOf(PURPOSE, Buffer.concat([Buffer.from(`${realmId}\n`, 'utf8'), random]));

/** A new token for this realm's sign-in page. */
export function issueSignInToken(realmId: string): string {
  const random = randomBytes(RANDOM_BYTES);
  return Buffer.concat([random, macFor(realmId, random)]).toString('base64url');
}

/** Whether this server issued `token` for this realm. Any text may arrive in a cookie: never throws. */
export function isIssuedSignInToken(token: string | undefined, realmId: string): token is string {
  if (token === undefined || !TOKEN.test(token)) return false;
  const bytes = Buffer.from(token, 'base64url');
  return timingSafeEqual(bytes.subarray(RANDOM_BYTES), macFor(realmId, bytes.subarray(0, RANDOM_BYTES)));
}

/** Constant-time comparison of two tokens; any text may arrive, so lengths are compared in bytes first. */
function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A posted sign-in form's token: the same as its cookie, and issued by this server for this realm. */
export function isValidSignInPost(field: string | undefined, cookie: string | undefined, realmId: string): boolean {
  return sameToken(field, cookie) && isIssuedSignInToken(cookie, realmId);
}
