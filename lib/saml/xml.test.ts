import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, test } from 'vitest';

import { HOSTILE_LINE_ENDS, HOSTILE_TEXT, HOSTILE_XML11_LINE_ENDS } from '@/test/hostile';

import { toXml } from './xml';

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml').documentElement;

describe('XML serialisation', () => {
  test.each<readonly [string, string]>([
    ...HOSTILE_TEXT,
    ...HOSTILE_LINE_ENDS,
    ...HOSTILE_XML11_LINE_ENDS,
    ['entity references typed as text', '&amp; &lt; &#60; &#x3C; &quot;'],
    ['a bare ampersand', 'Marks & Spencer'],
  ])('round-trips %s exactly in text and attributes', (_case, value) => {
    const element = parse(toXml({ a: { '@x': value, '#': value } }));
    expect(element?.getAttribute('x')).toBe(value);
    expect(element?.textContent).toBe(value);
  });

  test.each<readonly [string, string]>([...HOSTILE_LINE_ENDS, ...HOSTILE_XML11_LINE_ENDS])(
    'writes %s as character references',
    (_case, value) => {
      const xml = toXml({ a: { '@x': value, '#': value } }, { declaration: false });
      expect(xml).not.toMatch(/[\t\n\r\u0085\u2028\u2029]/);
      expect(xml).toMatch(/&#x(9|A|D|85|2028|2029);/);
    },
  );

  test('keeps the line breaks of pretty printing raw', () => {
    expect(toXml({ a: { b: 'x\ny' } }, { declaration: false, pretty: true })).toBe('<a>\n  <b>x&#xA;y</b>\n</a>');
  });

  test.each([
    ['a bell', 'bell\u0007'],
    ['NUL', 'a\u0000b'],
    ['a lone surrogate', 'a\uD800b'],
    ['U+FFFE', 'a\uFFFEb'],
    ['U+FFFF', 'a\uFFFFb'],
    ['the private-use characters the writer uses as placeholders', 'a\uE000b\uE006'],
  ])('refuses %s, which XML cannot carry', (_case, value) => {
    expect(() => toXml({ a: value })).toThrow(/character that XML cannot carry/);
    expect(() => toXml({ a: { '@x': value } })).toThrow(/character that XML cannot carry/);
  });
});
