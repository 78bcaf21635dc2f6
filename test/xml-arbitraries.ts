import fc from 'fast-check';

import { NOT_XML_CHAR } from '@/lib/characters';

/** Pieces that have broken XML writers: markup, references, quotes, every kind of line end. */
const TRICKY = [
  '&',
  '<',
  '>',
  '"',
  "'",
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\u0085',
  '\u2028',
  '\u2029',
  ']]>',
  '&amp;',
  '&#x3C;',
  '<!--',
  ' ',
  'xmlns:x="y"',
];

const NOT_XML_CHARS = new RegExp(NOT_XML_CHAR.source, 'gu');

/**
 * Random Unicode text that XML can carry: any code point (astral planes, combining marks, private use,
 * noncharacters other than U+FFFE/U+FFFF), printable graphemes, and the tricky pieces above. The characters XML
 * 1.0 §2.2 cannot carry at all become U+FFFC (U+FFFD makes xmldom warn of an encoding error); the writers refuse them (tested on their own).
 */
export const xmlText = fc
  .string({
    unit: fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
      { weight: 2, arbitrary: fc.constantFrom(...TRICKY) },
    ),
    minLength: 1,
    maxLength: 40,
  })
  .map((value) => value.replace(NOT_XML_CHARS, '\uFFFC'));

/** Text holding at least one character that no XML document can carry, not even as a reference. */
export const notXmlText = fc
  .tuple(xmlText, fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000B', '\u001F', '\uD800', '\uDFFF', '\uFFFE', '\uFFFF'), xmlText)
  .map(([before, bad, after]) => `${before}${bad}${after}`);
