import { randomBytes } from 'node:crypto';

import { afterEach, describe, expect, test, vi } from 'vitest';

import { resetMasterKeyCache } from '@/lib/crypto/secrets';

import { isIssuedSignInToken, isValidSignInPost, issueSignInToken } from './csrf';

const REALM = 'realm-1';

/** Flips one bit of one byte of a token. */
function flip(token: string, index: number): string {
  const bytes = Buffer.from(token, 'base64url');
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  return bytes.toString('base64url');
}

afterEach(() => {
  vi.unstubAllEnvs();
  resetMasterKeyCache();
});

describe('the sign-in CSRF token', () => {
  test('is accepted when this server issued it for the realm and the field equals the cookie', () => {
    const token = issueSignInToken(REALM);
    expect(token).toMatch(/^[\w-]{64}$/);
    expect(isIssuedSignInToken(token, REALM)).toBe(true);
    expect(isValidSignInPost(token, token, REALM)).toBe(true);
  });

  test('is new for each page without a cookie', () => {
    expect(issueSignInToken(REALM)).not.toBe(issueSignInToken(REALM));
  });

  const issued = issueSignInToken(REALM);
  const otherRealms = issueSignInToken('realm-2');
  test.each<[string, string | undefined, string | undefined]>([
    ['the same made-up value in cookie and field (32 × A)', 'A'.repeat(32), 'A'.repeat(32)],
    ['the same made-up value of the right length (64 × A)', 'A'.repeat(64), 'A'.repeat(64)],
    ['a token issued for another realm', otherRealms, otherRealms],
    ['a token with a changed random part', flip(issued, 0), flip(issued, 0)],
    ['a token with a changed HMAC', flip(issued, 47), flip(issued, 47)],
    ['an issued token with one character more', `${issued}A`, `${issued}A`],
    ['a field that differs from the cookie', issueSignInToken(REALM), issued],
    ['no field', undefined, issued],
    ['an empty field', '', issued],
    ['no cookie', issued, undefined],
    ['non-ASCII text', 'ß', 'ß'],
    ['a field of another byte length than the cookie', 'ß', issued],
    ['non-ASCII text of the right length', 'ß'.repeat(64), 'ß'.repeat(64)],
  ])('refuses %s', (_case, field, cookie) => {
    expect(isValidSignInPost(field, cookie, REALM)).toBe(false);
  });

  test('stops working when the master key changes', () => {
    vi.stubEnv('REALMGATE_SECRET_KEY', randomBytes(32).toString('base64'));
    resetMasterKeyCache();
    const token = issueSignInToken(REALM);
    vi.stubEnv('REALMGATE_SECRET_KEY', randomBytes(32).toString('base64'));
    resetMasterKeyCache();
    expect(isValidSignInPost(token, token, REALM)).toBe(false);
  });
});
