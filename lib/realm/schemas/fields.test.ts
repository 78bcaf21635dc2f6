import { describe, expect, test } from 'vitest';

import { fieldErrorsOf } from '@/test/schema-helpers';

import { isHost, lineSchema, optionalHostnameSchema, optionalHttpsUrlSchema, parseDomain, secretSchema, textSchema } from './fields';

describe('the metadata domain', () => {
  test.each<[string, string]>([
    ['idp.example.com', 'idp.example.com'],
    ['IdP.Example.COM', 'idp.example.com'],
    ['idp.example.com:443', 'idp.example.com'],
    ['idp.example.com:08443', 'idp.example.com:8443'],
    ['localhost:3000', 'localhost:3000'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['1e3.example', '1e3.example'],
    ['192.0.2.10', '192.0.2.10'],
    ['192.0.2.10:8443', '192.0.2.10:8443'],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255'],
  ])('accepts %s as %s', (value, expected) => {
    expect(parseDomain(value)).toBe(expected);
  });

  test.each([
    // numeric hosts that WHATWG URL reads as IPv4 and refuses (the 500s of the probe)
    '999.999.999.999',
    '256.256.256.256',
    '4294967296',
    '1.2.3.4.5',
    // numeric hosts WHATWG URL would quietly turn into another address
    '127.1',
    '0x7f.1',
    '1.0x7f',
    '0x7f000001',
    '010.0.0.1',
    'example.123',
    'example.0x',
    // labels that pass RFC 1123 but are no valid punycode: WHATWG URL throws on them too
    'xn--a.com',
    'a.xn--',
    // not a host at all
    '',
    ':443',
    'idp.example.com:0',
    'idp.example.com:65536',
    'https://idp.example.com',
    'idp.example.com/sso',
    'idp example.com',
    '-idp.example.com',
    '[::1]',
    `${'a'.repeat(64)}.example.com`,
    'idp\u0000.example.com',
    'idp\uD800.example.com',
    'idp.exämple.com',
  ])('answers null, without throwing, for %j', (value) => {
    expect(parseDomain(value)).toBeNull();
  });

  test('a host name is refused when its last label is a number, an IPv4 address is not', () => {
    expect([isHost('smtp.example.com'), isHost('10.0.0.25'), isHost('mail.10'), isHost('999.1.1.1')]).toEqual([true, true, false, false]);
    expect(fieldErrorsOf(optionalHostnameSchema('smtp.example.com'), '999.999.999.999')).toEqual({
      'root.form': 'Enter a host name or IPv4 address only, e.g. smtp.example.com (no https://, port or path)',
    });
  });
});

const multiLine = textSchema(100);
const oneLine = lineSchema(100);

describe('the characters a text field takes', () => {
  test.each<[string, string, RegExp]>([
    ['NUL', 'a\u0000b', /control character U\+0000 at position 2/],
    ['a bell', 'abc\u0007', /control character U\+0007 at position 4/],
    ['an escape', '\u001b[31mred', /control character U\+001B at position 1/],
    ['DEL', 'a\u007f', /control character U\+007F/],
    ['a C1 control', 'a\u009bb', /control character U\+009B/],
    ['NEL', 'a\u0085b', /control character U\+0085/],
    ['a vertical tab', 'a\u000bb', /control character U\+000B/],
    ['a lone high surrogate', 'a\uD800b', /broken character/],
    ['a lone low surrogate', 'a\uDC00', /broken character/],
    ['a private-use character', 'a\uE000b', /private-use character U\+E000 at position 2/],
    ['a supplementary private-use character', '\u{10FFFD}', /private-use character U\+10FFFD/],
    ['U+FFFE', 'a\uFFFE', /noncharacter U\+FFFE/],
    ['U+FFFF', 'a\uFFFF', /noncharacter U\+FFFF/],
    ['U+FDD0', '\uFDD0', /noncharacter U\+FDD0/],
    ['a line separator', 'a\u2028b', /separator U\+2028/],
  ])('a textarea refuses %s', (_case, value, message) => {
    expect(fieldErrorsOf(multiLine, value)['root.form']).toMatch(message);
  });

  test.each<[string, string, RegExp]>([
    ['a line feed', 'a\nb', /single line/],
    ['a carriage return', 'a\rb', /single line/],
    ['NEL', 'a\u0085b', /single line/],
    ['a paragraph separator', 'a\u2029b', /single line/],
    ['a tab', 'a\tb', /control character U\+0009/],
    ['NUL', '\u0000', /control character U\+0000/],
  ])('a one-line field refuses %s', (_case, value, message) => {
    expect(fieldErrorsOf(oneLine, value)['root.form']).toMatch(message);
  });

  test.each([
    ['letters beyond ASCII', 'Zoë Ñandú Ελληνικά 日本語'],
    ['an emoji (a surrogate pair)', 'Team 😀'],
    ['markup', '<b>&amp;</b>'],
    ['a zero-width joiner sequence', '👩‍💻'],
  ])('both take %s', (_case, value) => {
    expect(oneLine.parse(value)).toBe(value);
    expect(multiLine.parse(value)).toBe(value);
  });

  test('a textarea keeps tabs and line feeds, and stores CRLF and CR as LF', () => {
    expect(multiLine.parse('a\tb\nc\r\nd\re')).toBe('a\tb\nc\nd\ne');
  });

  test('the position counts characters, not UTF-16 units', () => {
    expect(fieldErrorsOf(oneLine, '😀😀\u0000')['root.form']).toMatch(/at position 3/);
  });

  test('a stored secret replacement may hold any whole character, but no broken one', () => {
    expect(secretSchema.parse({ isSet: false, replacement: ' p\u0007ss\tword ' }).replacement).toBe(' p\u0007ss\tword ');
    expect(fieldErrorsOf(secretSchema, { isSet: false, replacement: 'pass\uD800' })).toEqual({
      replacement: expect.stringMatching(/broken character/),
    });
  });
});

describe('https URLs', () => {
  const url = optionalHttpsUrlSchema();

  test.each<[string, string]>([
    ['https://sp.example.com/acs', 'https://sp.example.com/acs'],
    ['https://SP.Example.com/acs', 'https://sp.example.com/acs'],
    ['https://sp.example.com', 'https://sp.example.com/'],
    ['https://sp.example.com:443/acs', 'https://sp.example.com/acs'],
    ['https://sp.example.com/a<b>?q="x y"', 'https://sp.example.com/a%3Cb%3E?q=%22x%20y%22'],
    ['https://sp.example.com/é', 'https://sp.example.com/%C3%A9'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example/'],
    ['', ''],
  ])('stores %s as %s, the string every later use sends', (value, expected) => {
    expect(url.parse(value)).toBe(expected);
  });

  test.each(['http://sp.example.com/', 'https://user:pw@sp.example.com/', 'sp.example.com', 'https://sp.example.com/\u0000'])(
    'refuses %j',
    (value) => {
      expect(url.safeParse(value).success).toBe(false);
    },
  );
});
