import { Secret } from 'otpauth';
import { describe, expect, test } from 'vitest';

import { formatSecret, generateTotp, generateTotpSecret, matchTotp, renderQrSvg, totpUri } from './totp';

// RFC 6238 Appendix B: 8-digit codes, 30-second steps, the ASCII seeds "1234567890…" of each hash's length.
const SEEDS = {
  SHA1: '12345678901234567890',
  SHA256: '12345678901234567890123456789012',
  SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
} as const;

const VECTORS: [number, Record<keyof typeof SEEDS, string>][] = [
  [59, { SHA1: '94287082', SHA256: '46119246', SHA512: '90693936' }],
  [1111111109, { SHA1: '07081804', SHA256: '68084774', SHA512: '25091201' }],
  [1111111111, { SHA1: '14050471', SHA256: '67062674', SHA512: '99943326' }],
  [1234567890, { SHA1: '89005924', SHA256: '91819424', SHA512: '93441116' }],
  [2000000000, { SHA1: '69279037', SHA256: '90698825', SHA512: '38618901' }],
  [20000000000, { SHA1: '65353130', SHA256: '77737706', SHA512: '47863826' }],
];

describe('TOTP (RFC 6238)', () => {
  test.each(
    VECTORS.flatMap(([time, codes]) =>
      (Object.keys(SEEDS) as (keyof typeof SEEDS)[]).map((algorithm) => [time, algorithm, codes[algorithm]] as const),
    ),
  )('at T=%i with HMAC-%s the code is %s, and it matches that time step', (time, algorithm, code) => {
    const secret = Secret.fromLatin1(SEEDS[algorithm]);
    const settings = { digits: 8, period: 30, drift: 0, algorithm };
    expect(generateTotp(secret, settings, time * 1000)).toBe(code);
    expect(matchTotp(secret.base32, code, settings, time * 1000)).toBe(Math.floor(time / 30));
  });

  const secret = Secret.fromLatin1(SEEDS.SHA1).base32;
  const at = (step: number) => step * 30_000 + 5_000;
  const codeOf = (step: number, digits = 6, period = 30) =>
    generateTotp(Secret.fromBase32(secret), { digits, period, drift: 0 }, step * period * 1000);

  test('Allowed Drift: codes of up to that many steps before or after now match, with their own step', () => {
    const settings = { digits: 6, period: 30, drift: 1 };
    expect(matchTotp(secret, codeOf(1000), settings, at(1000))).toBe(1000);
    expect(matchTotp(secret, codeOf(999), settings, at(1000))).toBe(999);
    expect(matchTotp(secret, codeOf(1001), settings, at(1000))).toBe(1001);
    expect(matchTotp(secret, codeOf(998), settings, at(1000))).toBeNull();
    expect(matchTotp(secret, codeOf(999), { ...settings, drift: 0 }, at(1000))).toBeNull();
    expect(matchTotp(secret, codeOf(998), { ...settings, drift: 2 }, at(1000))).toBe(998);
  });

  test('Passcode Length and Time Step: an 8-digit code of 60-second steps', () => {
    const settings = { digits: 8, period: 60, drift: 0 };
    const code = codeOf(500, 8, 60);
    expect(code).toMatch(/^\d{8}$/);
    expect(matchTotp(secret, code, settings, 500 * 60_000 + 59_000)).toBe(500);
    expect(matchTotp(secret, code.slice(0, 6), settings, 500 * 60_000)).toBeNull();
  });

  test.each(['', '12345', '1234567', 'abcdef', '12 456', '１２３４５６'])('refuses %j, which is no 6-digit code', (code) => {
    expect(matchTotp(secret, code, { digits: 6, period: 30, drift: 2 }, at(1000))).toBeNull();
  });

  test('a new secret is 160 random bits in base32, different each time', () => {
    const [a, b] = [generateTotpSecret(), generateTotpSecret()];
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(a).not.toBe(b);
    expect(formatSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });

  test('the QR code holds the otpauth URI with issuer, account, digits and period, as an SVG of shapes only', async () => {
    const uri = totpUri(secret, { digits: 8, period: 60, drift: 1 }, 'Acme Portal', 'jane');
    expect(uri).toBe(`otpauth://totp/Acme%20Portal:jane?issuer=Acme%20Portal&secret=${secret}&algorithm=SHA1&digits=8&period=60`);
    const svg = await renderQrSvg(uri);
    expect(svg).toMatch(/^<svg [^>]*viewBox="[^"]+"/);
    expect(svg).not.toMatch(/<script|<text|on\w+=|href/i);
  });
});
