import { describe, expect, test } from 'vitest';

import { readCookie } from './http';

const requestWith = (cookie: string | null) => ({ url: 'http://localhost/sso/r', headers: { get: () => cookie } });

describe('readCookie', () => {
  test('reads a cookie by its exact name among others, spaces around pairs ignored', () => {
    const request = requestWith('a=1; rg_session=abc ;rg_session_x=2');
    expect(readCookie(request, 'rg_session')).toBe('abc');
    expect(readCookie(request, 'rg_session_x')).toBe('2');
    expect(readCookie(request, 'rg')).toBeUndefined();
  });

  test('keeps every = of a value (base64 padding, sealed tokens) and reads a bare name as empty', () => {
    expect(readCookie(requestWith('t=YWJj==.x=y'), 't')).toBe('YWJj==.x=y');
    expect(readCookie(requestWith('flag; t=1'), 'flag')).toBe('');
  });

  test('reads nothing without a Cookie header', () => {
    expect(readCookie(requestWith(null), 't')).toBeUndefined();
  });
});
