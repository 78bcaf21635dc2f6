import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, test } from 'vitest';

import { HOSTILE_TEXT } from '@/test/hostile';

import { toXml } from './xml';

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml').documentElement;

describe('XML serialisation', () => {
  test.each<readonly [string, string]>([
    ...HOSTILE_TEXT,
    ['entity references typed as text', '&amp; &lt; &#60; &#x3C; &quot;'],
    ['a bare ampersand', 'Marks & Spencer'],
  ])('round-trips %s exactly in text and attributes', (_case, value) => {
    const element = parse(toXml({ a: { '@x': value, '#': value } }));
    expect(element?.getAttribute('x')).toBe(value);
    expect(element?.textContent).toBe(value);
  });

  test('refuses a control character XML cannot carry', () => {
    expect(() => toXml({ a: 'bell\u0007' })).toThrow(/control character/);
  });
});
