import { create } from 'xmlbuilder2';

import { NOT_XML_CHAR } from '@/lib/characters';

/**
 * A document as one plain nested object: '@name' for attributes, '#' for text, arrays for repeated
 * elements (xmlbuilder2's object format). STYLE §5: every XML document is serialised here, never by string
 * concatenation, so every value is escaped. The one exception is the signed Response, which canonical-xml.ts
 * writes in the canonical form its signatures cover (see there why).
 */
export type XmlObject = { [key: string]: XmlNode };
export type XmlNode = string | XmlObject | XmlObject[] | string[];

// Characters that xmlbuilder2 would write raw but an XML parser would not give back as they are:
// - "&": xmlbuilder2 decodes entity references in the values it is given and leaves anything that looks like one
//   (`&amp;`, `&#60;`) unescaped on output, so a NameID of "a&amp;b" would reach the SP as "a&b";
// - line ends: parsers turn CR and CRLF into LF (XML 1.0 §2.11), and xmldom, which node-saml uses, also NEL,
//   LS and PS (as XML 1.1 does); in attribute values tab and LF become spaces (XML 1.0 §3.3.3).
// Each is carried through xmlbuilder2 as a private-use placeholder and written as a reference afterwards, so
// the value the service provider reads is the value stored. Canonical XML keeps these characters as they
// are (writing CR as &#xD;), so signatures over them verify.
const PLACEHOLDERS = Object.freeze({
  '&': '\uE000',
  '\t': '\uE001',
  '\n': '\uE002',
  '\r': '\uE003',
  '\u0085': '\uE004',
  '\u2028': '\uE005',
  '\u2029': '\uE006',
} satisfies Record<string, string>);
const PLACEHOLDER = /[\uE000-\uE006]/;

/** A character reference: `&#xD;` for CR. */
const toReference = (char: string) => `&#x${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()};`;

const REFERENCES = new Map(
  Object.entries(PLACEHOLDERS).map(([char, placeholder]) => [placeholder, char === '&' ? '&amp;' : toReference(char)]),
);

function protect(value: string): string {
  if (NOT_XML_CHAR.test(value) || PLACEHOLDER.test(value)) {
    throw new Error('A value contains a character that XML cannot carry');
  }
  return value.replace(/[&\t\n\r\u0085\u2028\u2029]/g, (char) => PLACEHOLDERS[char as keyof typeof PLACEHOLDERS]);
}

function protectNode(node: XmlNode): XmlNode {
  if (typeof node === 'string') return protect(node);
  if (Array.isArray(node)) return node.map((item) => protectNode(item)) as XmlObject[] | string[];
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, protectNode(value)]));
}

export function toXml(document: XmlObject, options: { declaration?: boolean; pretty?: boolean } = {}): string {
  const xml = create({ version: '1.0', encoding: 'UTF-8' }, protectNode(document) as XmlObject).end({
    headless: options.declaration === false,
    prettyPrint: options.pretty ?? false,
  });
  return xml.replace(/[\uE000-\uE006]/g, (placeholder) => REFERENCES.get(placeholder) ?? placeholder);
}

/** xs:dateTime in UTC without fractional seconds, as SAML peers expect (SAML core §1.3.3). */
export function toSamlInstant(date: Date): string {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ, for years 0 to 9999
  return iso.length === 24 ? `${iso.slice(0, 19)}Z` : iso.replace(/\.\d{3}Z$/, 'Z');
}

export const NS = Object.freeze({
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
  xs: 'http://www.w3.org/2001/XMLSchema',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
});
