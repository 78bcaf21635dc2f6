/**
 * Characters that stored text must not hold, in one place: the form schemas refuse them
 * (lib/realm/schemas/fields.ts), the XML writer refuses to write them (lib/saml/xml.ts), and the start-up check
 * reports rows that hold them (lib/stored-text.ts).
 */

/**
 * Outside XML 1.0 §2.2's Char production: C0 controls other than tab, LF and CR (NUL included), lone
 * surrogates, U+FFFE and U+FFFF. No XML document can carry these, not even as character references.
 */
export const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** A lone UTF-16 surrogate: half a character, which the database and UTF-8 cannot store. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Characters that end a line for some reader: XML 1.1 and xmldom treat NEL, LS and PS like LF. */
const LINE_BREAK = /[\n\r\u0085\u2028\u2029]/u;

export type UnsafeCharacterKind = 'broken' | 'line-break' | 'separator' | 'control' | 'private-use' | 'noncharacter';

/** The first unsafe character of a text: what it is, its code point and its position (1-based, in characters). */
export type UnsafeCharacter = { kind: UnsafeCharacterKind; codePoint: number; position: number };

function kindOf(char: string, multiLine: boolean): UnsafeCharacterKind | null {
  if (LONE_SURROGATE.test(char)) return 'broken';
  // Multi-line text keeps tab and line feed; CR only as half of a stored CRLF (the schemas turn it into LF).
  if (multiLine && /[\t\n\r]/.test(char)) return null;
  if (!multiLine && LINE_BREAK.test(char)) return 'line-break';
  // Line and paragraph separators: a signed assertion cannot carry them (canonical XML writes them raw, and
  // xmldom, which node-saml uses, reads them back as LF). Textareas have ordinary line breaks.
  if (/[\u2028\u2029]/.test(char)) return 'separator';
  // Controls (C0, DEL, C1) are invisible, and most of them XML cannot carry; NEL (U+0085) is a line end to
  // xmldom, like LS and PS.
  if (/\p{Cc}/u.test(char)) return 'control';
  // Private-use characters mean nothing outside one vendor's font, and the XML writer uses some as placeholders.
  if (/\p{Co}/u.test(char)) return 'private-use';
  // Noncharacters (U+FFFE, U+FFFF, U+FDD0-U+FDEF …) are for a program's internal use, never for interchange.
  if (/\p{Noncharacter_Code_Point}/u.test(char)) return 'noncharacter';
  return null;
}

/**
 * The first character of `value` that a text field must not hold, or null. One-line values also refuse line
 * breaks and tabs; multi-line values (textareas) keep tab and line feed.
 */
export function findUnsafeCharacter(value: string, options: { multiLine: boolean }): UnsafeCharacter | null {
  let position = 0;
  // for…of walks code points: a valid surrogate pair is one character, a lone surrogate is one on its own.
  for (const char of value) {
    position += 1;
    const kind = kindOf(char, options.multiLine);
    if (kind) return { kind, codePoint: char.codePointAt(0) ?? 0, position };
  }
  return null;
}

/** Whether a text holds only whole characters: a lone surrogate cannot be stored or encoded as UTF-8. */
export function isWellFormed(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}
