import { NOT_XML_CHAR } from '@/lib/characters';

import { NS } from './xml';

/**
 * The writer of the signed SAML documents: it writes an element tree in the exclusive canonical form (Exclusive
 * XML Canonicalization 1.0, without comments and without an InclusiveNamespaces list) that the signature's
 * digest covers.
 *
 * Why not xmlbuilder2, as STYLE §5 asks of every other document: a signature needs the canonical bytes of the
 * element it covers. Serialising with xmlbuilder2, then parsing, selecting by XPath and canonicalising the
 * document Realmgate itself wrote (what xml-crypto does) cost about 8 times the RSA signature. Writing the
 * canonical form directly costs a few microseconds, and the digest is taken of exactly the bytes written. The
 * price is this small writer, which must keep the canonical rules below; the tests compare its output with
 * xml-crypto's canonicalisation and have xmlsec1 and node-saml verify every signed document.
 *
 * The rules (exc-c14n §3, Canonical XML 1.0 §2.3): a namespace is declared on the first element whose name or
 * attribute names use its prefix, unless an ancestor being written declared it already; declarations come
 * first, sorted by prefix, then attributes sorted by namespace URI (none first) and local name; empty elements
 * get an end tag; no XML declaration and no whitespace between elements; text escapes & < > and CR, attribute
 * values & < " tab LF and CR; every other character is written as itself.
 */

/** The prefixes the signed documents use, and their namespaces. */
const NAMESPACES: Readonly<Record<string, string>> = Object.freeze({
  ds: NS.dsig,
  saml: NS.assertion,
  samlp: NS.protocol,
  xs: NS.xs,
  xsi: NS.xsi,
});

export type XmlElement = {
  /** The qualified name, `saml:Issuer`: every element of a SAML message has a namespace prefix. */
  readonly name: string;
  /** Attributes by qualified name; an undefined value is left out. */
  readonly attributes?: Readonly<Record<string, string | undefined>>;
  readonly children?: readonly (XmlElement | string)[];
  /**
   * Prefixes the document declares here though no name uses them, so exclusive c14n leaves them out of what is
   * signed: `xs`, which only a value uses (xsi:type="xs:string"), for parsers that resolve such values.
   */
  readonly documentPrefixes?: readonly string[];
};

type Mode = 'canonical' | 'document';

const REFERENCES: Readonly<Record<string, string>> = Object.freeze({
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
  '\u0085': '&#x85;',
  '\u2028': '&#x2028;',
  '\u2029': '&#x2029;',
});

// What each context escapes. The document also writes NEL, LS and PS as references: canonical XML keeps them
// raw, but xmldom (which node-saml uses) reads them raw as line feeds; a reference survives parsing, and the
// parsed value canonicalises back to the raw character that was signed.
const ESCAPED: Readonly<Record<Mode, { text: RegExp; attribute: RegExp }>> = Object.freeze({
  canonical: { text: /[&<>\r]/g, attribute: /[&<"\t\n\r]/g },
  document: { text: /[&<>\r\u0085\u2028\u2029]/g, attribute: /[&<"\t\n\r\u0085\u2028\u2029]/g },
});

// Printable ASCII other than & < > ": most values (IDs, instants, URLs, base64), written as they are.
const PLAIN = /^[\u0020\u0021\u0023-\u0025\u0027-\u003B\u003D\u003F-\u007E]*$/;

function escape(value: string, pattern: RegExp): string {
  if (PLAIN.test(value)) return value;
  if (NOT_XML_CHAR.test(value)) throw new Error('A value contains a character that XML cannot carry');
  return value.replace(pattern, (char) => REFERENCES[char] ?? char);
}

function prefixOf(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? '' : name.slice(0, colon);
}

function namespaceOf(prefix: string): string {
  const uri = NAMESPACES[prefix];
  if (!uri) throw new Error(`No namespace is known for the prefix "${prefix}"`);
  return uri;
}

const namespaceOfName = (name: string) => {
  const prefix = prefixOf(name);
  return prefix ? namespaceOf(prefix) : '';
};
const localNameOf = (name: string) => name.slice(name.indexOf(':') + 1);
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Canonical XML 1.0 §2.3: attributes sorted by namespace URI (none first), then by local name. */
function attributeOrder([a]: [string, string], [b]: [string, string]): number {
  return compare(namespaceOfName(a), namespaceOfName(b)) || compare(localNameOf(a), localNameOf(b));
}

/** The attributes to write, in canonical order; those with an undefined value left out. */
function attributesOf(element: XmlElement): [string, string][] {
  const attributes: [string, string][] = [];
  for (const [name, value] of Object.entries(element.attributes ?? {})) if (value !== undefined) attributes.push([name, value]);
  return attributes.length > 1 ? attributes.sort(attributeOrder) : attributes;
}

/** The prefixes to declare on an element: those its names use, and the document's own, less those declared above. */
function prefixesToDeclare(element: XmlElement, attributes: [string, string][], declared: readonly string[], mode: Mode): string[] {
  // An element always has a prefix (namespaceOf refuses ""); an attribute without one has no namespace.
  const used = [prefixOf(element.name), ...attributes.map(([name]) => prefixOf(name)).filter(Boolean)];
  if (mode === 'document') used.push(...(element.documentPrefixes ?? []));
  return used.filter((prefix, index) => !declared.includes(prefix) && used.indexOf(prefix) === index).sort();
}

// Prefixes declared by the elements being written around this one (a handful at most: an array beats a Set).
function write(element: XmlElement, declared: readonly string[], mode: Mode): string {
  const attributes = attributesOf(element);
  const declarations = prefixesToDeclare(element, attributes, declared, mode);
  let xml = `<${element.name}`;
  for (const prefix of declarations) xml += ` xmlns:${prefix}="${namespaceOf(prefix)}"`;
  for (const [name, value] of attributes) xml += ` ${name}="${escape(value, ESCAPED[mode].attribute)}"`;
  xml += '>';
  const inScope = declarations.length === 0 ? declared : [...declared, ...declarations];
  for (const child of element.children ?? []) {
    xml += typeof child === 'string' ? escape(child, ESCAPED[mode].text) : write(child, inScope, mode);
  }
  return `${xml}</${element.name}>`;
}

/** The exclusive canonical form of an element as the apex of what is signed: the bytes a digest covers. */
export function toCanonicalXml(element: XmlElement): string {
  return write(element, [], 'canonical');
}

/**
 * The document sent: the canonical form of its root with an XML declaration, the document's own namespace
 * declarations and NEL, LS and PS as references. Canonicalising any element of it gives back the bytes
 * toCanonicalXml wrote for that element (the tests check this with xml-crypto, xmlsec1 and node-saml).
 */
export function toXmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${write(root, [], 'document')}`;
}
