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

/** A canonical form written already (see envelop), and whether it holds NEL, LS or PS (see toXmlDocument). */
type Written = { readonly xml: string; readonly lineSeparators: boolean };
const WRITTEN = Symbol('canonical form');

export type XmlElement = {
  /** The qualified name, `saml:Issuer`: every element of a SAML message has a namespace prefix. */
  readonly name: string;
  /** Attributes by qualified name; an undefined value is left out. */
  readonly attributes?: Readonly<Record<string, string | undefined>>;
  readonly children?: readonly (XmlElement | string)[];
  /**
   * Its canonical form as the apex of what is signed, when envelop wrote it; only this module sets it. A copy with
   * other attributes or children would carry it stale: signed elements are used as they are, never copied.
   */
  readonly [WRITTEN]?: Written;
};

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

const TEXT_ESCAPED = /[&<>\r]/g;
const ATTRIBUTE_ESCAPED = /[&<"\t\n\r]/g;
// NEL, LS and PS: canonical XML keeps them raw, but xmldom (which node-saml uses) reads them raw as line feeds, so
// the document carries them as references; a reference survives parsing, and the parsed value canonicalises back
// to the raw character that was signed.
const LINE_SEPARATORS = /[\u0085\u2028\u2029]/;

// Printable ASCII other than & < > ": most values (IDs, instants, URLs, base64), written as they are.
const PLAIN = /^[\u0020\u0021\u0023-\u0025\u0027-\u003B\u003D\u003F-\u007E]*$/;

/** What a write found out on the way: whether any value holds NEL, LS or PS, which the document must escape. */
type Writing = { lineSeparators: boolean };

function escape(value: string, pattern: RegExp, writing: Writing): string {
  if (PLAIN.test(value)) return value;
  if (NOT_XML_CHAR.test(value)) throw new Error('A value contains a character that XML cannot carry');
  if (LINE_SEPARATORS.test(value)) writing.lineSeparators = true;
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

/**
 * What the writer needs of a name, worked out once per name (the code's own names, a few dozen): its prefix and,
 * for an attribute, its canonical sort key: namespace URI (none first), then local name; NUL sorts first.
 */
type NameInfo = { prefix: string; sortKey: string };
const names = new Map<string, NameInfo>();

function infoOf(name: string): NameInfo {
  let info = names.get(name);
  if (!info) {
    const prefix = prefixOf(name);
    info = { prefix, sortKey: `${prefix ? namespaceOf(prefix) : ''}\u0000${name.slice(name.indexOf(':') + 1)}` };
    names.set(name, info);
  }
  return info;
}

type Attribute = { name: string; value: string; info: NameInfo };

/** The attributes to write, in canonical order (Canonical XML 1.0 §2.3); those with an undefined value left out. */
function attributesOf(element: XmlElement): Attribute[] {
  const attributes: Attribute[] = [];
  const given = element.attributes;
  for (const name in given) {
    const value = given[name];
    if (value !== undefined) attributes.push({ name, value, info: infoOf(name) });
  }
  if (attributes.length > 1) attributes.sort((a, b) => (a.info.sortKey < b.info.sortKey ? -1 : a.info.sortKey > b.info.sortKey ? 1 : 0));
  return attributes;
}

const NONE: readonly string[] = [];

/**
 * The start tag of an element, and the prefixes in scope for its children. It declares the prefixes its names use,
 * less those declared above, and `extra`, which only the document declares: the children are written as signed.
 */
function startTag(element: XmlElement, declared: readonly string[], writing: Writing, extra = NONE) {
  const attributes = attributesOf(element);
  const { prefix } = infoOf(element.name);
  namespaceOf(prefix); // an element always has a known prefix: "" is refused too
  const declarations: string[] = [];
  const declare = (used: string) => {
    // An attribute without a prefix has no namespace.
    if (used && !declared.includes(used) && !declarations.includes(used)) declarations.push(used);
  };
  declare(prefix);
  for (const attribute of attributes) declare(attribute.info.prefix);
  const inScope = declarations.length === 0 ? declared : [...declared, ...declarations];
  for (const other of extra) declare(other);
  if (declarations.length > 1) declarations.sort();
  let tag = `<${element.name}`;
  for (const used of declarations) tag += ` xmlns:${used}="${namespaceOf(used)}"`;
  for (const attribute of attributes) tag += ` ${attribute.name}="${escape(attribute.value, ATTRIBUTE_ESCAPED, writing)}"`;
  return { tag: `${tag}>`, inScope };
}

// `declared`: the prefixes declared by the elements being written around this one (a handful at most: an array
// beats a Set). `extra`: see startTag.
function write(node: XmlElement | string, declared: readonly string[], writing: Writing, extra = NONE): string {
  if (typeof node === 'string') return escape(node, TEXT_ESCAPED, writing);
  const known = node[WRITTEN];
  // Written by envelop as the apex of what is signed, it reads the same here unless it declares a prefix declared
  // above. A text that merely looks like such a declaration only costs a fresh write.
  if (known && extra.length === 0 && declared.every((prefix) => !known.xml.includes(` xmlns:${prefix}="`))) {
    writing.lineSeparators ||= known.lineSeparators;
    return known.xml;
  }
  const { tag, inScope } = startTag(node, declared, writing, extra);
  let xml = tag;
  for (const child of node.children ?? NONE) xml += write(child, inScope, writing);
  return `${xml}</${node.name}>`;
}

/** The exclusive canonical form of an element as the apex of what is signed: the bytes a digest covers. */
export function toCanonicalXml(element: XmlElement): string {
  return write(element, NONE, { lineSeparators: false });
}

/**
 * An enveloped signature (XML-DSig §6.6.4) goes into the element it signs after its first child (SAML's Issuer).
 * Gives the canonical form of the element without it, which the signature's digest covers, and `insert`, which
 * returns the element with the signature in. The signed element's canonical form is made from the text written
 * here, not written again: the message that holds a signed assertion, and the document, use that text.
 */
export function envelop(element: XmlElement): { canonical: string; insert(signature: XmlElement): XmlElement } {
  const writing: Writing = { lineSeparators: false };
  const { tag, inScope } = startTag(element, NONE, writing);
  const [first, ...rest] = element.children ?? [];
  if (first === undefined) throw new Error(`${element.name} has no child to put a signature after`);
  const head = tag + write(first, inScope, writing);
  let tail = '';
  for (const child of rest) tail += write(child, inScope, writing);
  tail += `</${element.name}>`;
  return {
    canonical: head + tail,
    insert(signature) {
      const signing: Writing = { ...writing };
      const xml = head + write(signature, inScope, signing) + tail;
      return { ...element, children: [first, signature, ...rest], [WRITTEN]: { xml, lineSeparators: signing.lineSeparators } };
    },
  };
}

/**
 * The document sent: an XML declaration and the canonical form of its root, with NEL, LS and PS as references,
 * and `declare`: prefixes the root declares though no name uses them, so exclusive c14n leaves them out of what is
 * signed (`xs`, which only a value uses: xsi:type="xs:string", for parsers that resolve such values).
 * Canonicalising any element of it gives back the bytes toCanonicalXml wrote for that element (the tests check
 * this with xml-crypto, xmlsec1 and node-saml).
 */
export function toXmlDocument(root: XmlElement, declare: readonly string[] = NONE): string {
  const writing: Writing = { lineSeparators: false };
  let xml = write(root, NONE, writing, declare);
  if (writing.lineSeparators) xml = xml.replace(new RegExp(LINE_SEPARATORS.source, 'g'), (char) => REFERENCES[char] ?? char);
  return `<?xml version="1.0" encoding="UTF-8"?>${xml}`;
}
