import { describe, expect, test } from 'vitest';

import { codeMatches, generateCode, hashCode, maskEmail } from './email-otp';

describe('email one-time passcodes', () => {
  test.each([6, 7, 8])('a code of Length %i is that many digits, leading zeros kept', (length) => {
    const codes = Array.from({ length: 200 }, () => generateCode(length));
    for (const code of codes) expect(code).toMatch(new RegExp(`^\\d{${length}}$`));
    expect(new Set(codes).size).toBeGreaterThan(190);
  });

  test('the stored hash holds no code, differs per sign-in, and matches only its own code', () => {
    const hash = hashCode('tx-1', '012345');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('012345');
    expect(hashCode('tx-2', '012345')).not.toBe(hash);
    expect(codeMatches(hash, 'tx-1', '012345')).toBe(true);
    expect(codeMatches(hash, 'tx-1', ' 012 345 ')).toBe(true); // spaces as people type them
    expect(codeMatches(hash, 'tx-2', '012345')).toBe(false);
    expect(codeMatches(hash, 'tx-1', '12345')).toBe(false);
    expect(codeMatches(hash, 'tx-1', 'x'.repeat(5000))).toBe(false);
  });

  test.each([
    ['jane@example.com', 'j***@example.com'],
    ['j@example.com', 'j***@example.com'],
    ['first.last+tag@sub.example.org', 'f***@sub.example.org'],
    ['no-at-sign', '***'],
    ['@example.com', '***'],
  ])('masks %s as %s', (address, masked) => {
    expect(maskEmail(address)).toBe(masked);
  });
});
