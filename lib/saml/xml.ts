import { create } from 'xmlbuilder2';

/**
 * A document as one plain nested object: '@name' for attributes, '#' for text, arrays for repeated
 * elements (xmlbuilder2's object format). STYLE §5: every XML document is serialised here, never by string
 * concatenation, so every value is escaped.
 */
export type XmlObject = { [key: string]: XmlNode };
export type XmlNode = string | XmlObject | XmlObject[] | string[];

// xmlbuilder2 decodes entity references in the values it is given and leaves anything that looks like one
// (`&amp;`, `&#60;`) unescaped on output, so a NameID of "a&amp;b" would reach the SP as "a&b". Every "&" is
// therefore carried through xmlbuilder2 as a private-use placeholder and written as "&amp;" afterwards.
const AMPERSAND_PLACEHOLDER = '\uE000';
// Anything outside XML 1.0 §2.2's Char production (controls, lone surrogates, U+FFFE/U+FFFF), and the placeholder.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE001-\uFFFD\u{10000}-\u{10FFFF}]/u;

function protect(value: string): string {
  if (NOT_XML.test(value)) throw new Error('A value contains a control character that XML cannot carry');
  return value.replace(/&/g, AMPERSAND_PLACEHOLDER);
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
  return xml.replaceAll(AMPERSAND_PLACEHOLDER, '&amp;');
}

/** xs:dateTime in UTC without fractional seconds, as SAML peers expect (SAML core §1.3.3). */
export function toSamlInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const NS = Object.freeze({
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
  xs: 'http://www.w3.org/2001/XMLSchema',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
});
