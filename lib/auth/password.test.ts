import { describe, expect, test } from 'vitest';

import { hashPassword, verifyDummyPassword, verifyPassword } from './password';

const PASSWORD = 'correct horse battery staple';

describe('password hashing', () => {
  test('writes a self-describing scrypt hash with N=2^15, r=8, p=1, a 16-byte salt and a 32-byte key', async () => {
    const stored = await hashPassword(PASSWORD);
    const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
    expect([scheme, n, r, p, rest]).toEqual(['scrypt', '32768', '8', '1', []]);
    expect(Buffer.from(salt ?? '', 'base64')).toHaveLength(16);
    expect(Buffer.from(hash ?? '', 'base64')).toHaveLength(32);
    expect(stored).not.toContain(PASSWORD);
  });

  test('salts every hash: the same password hashes differently each time', async () => {
    const [first, second] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)]);
    expect(first).not.toBe(second);
    expect(await verifyPassword(PASSWORD, first)).toBe(true);
    expect(await verifyPassword(PASSWORD, second)).toBe(true);
  });

  test.each<[string, string]>([
    ['a different password', 'correct horse battery stapler'],
    ['a change of case', 'Correct horse battery staple'],
    ['an empty password', ''],
    ['a trailing space', `${PASSWORD} `],
  ])('refuses %s', async (_case, attempt) => {
    const stored = await hashPassword(PASSWORD);
    expect(await verifyPassword(attempt, stored)).toBe(false);
  });

  test('matches a password typed in another Unicode composition (NFKC)', async () => {
    const stored = await hashPassword('Ren\u00e9 passphrase!');
    expect(await verifyPassword('Rene\u0301 passphrase!', stored)).toBe(true);
  });

  test.each<[string, (good: string) => string]>([
    ['an empty string', () => ''],
    ['another scheme', (good) => good.replace(/^scrypt/, 'bcrypt')],
    ['a missing part', (good) => good.split('$').slice(0, 5).join('$')],
    ['an extra part', (good) => `${good}$x`],
    ['N that is not a power of two', (good) => good.replace('$32768$', '$30000$')],
    ['a memory cost beyond the limit', (good) => good.replace('$32768$8$', '$1048576$8$')],
    ['p of zero', (good) => good.replace('$8$1$', '$8$0$')],
    ['a truncated hash', (good) => good.replace(/\$[^$]+$/, '$AAAA')],
  ])('answers false, without throwing, for a stored hash with %s', async (_case, tamper) => {
    const stored = tamper(await hashPassword(PASSWORD));
    expect(await verifyPassword(PASSWORD, stored)).toBe(false);
  });

  test('the dummy check for unknown users always answers false', async () => {
    expect(await verifyDummyPassword(PASSWORD)).toBe(false);
  });
});
