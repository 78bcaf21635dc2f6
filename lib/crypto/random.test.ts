import { describe, expect, test } from 'vitest';

import { randomString } from './random';

describe('random strings for per-response values', () => {
  test('have the length asked for, in the encoding asked for', () => {
    expect(randomString(20, 'hex')).toMatch(/^[0-9a-f]{40}$/);
    expect(randomString(16, 'base64')).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  test('never repeat, across many refills of the pool', () => {
    const seen = new Set(Array.from({ length: 5000 }, () => randomString(20, 'hex')));
    expect(seen.size).toBe(5000);
  });

  test('are not handed out twice: consecutive draws share no bytes', () => {
    const draws = Array.from({ length: 300 }, () => randomString(16, 'hex'));
    const bytes = new Set(draws.flatMap((draw) => draw.match(/.{16}/g) ?? []));
    expect(bytes.size).toBe(draws.length * 2);
  });
});
