import { inflateRawSync } from 'node:zlib';

import { DOMParser, type Document, type Element, onWarningStopParsing } from '@xmldom/xmldom';

/**
 * Reading XML that strangers send (an SP's AuthnRequest, an SP's metadata). The size is capped before anything is
 * parsed, compressed input is inflated only up to the same cap, and a document type declaration is refused
 * outright: without a DTD there are no entities to expand (billion laughs) and nothing external to fetch (XXE).
 * xmldom reports every warning and error; any of them stops parsing, so a document is read whole or not at all.
 */

export class UnsafeXmlError extends Error {}

/** The bytes as UTF-8 text (XML's default; a BOM or another encoding declared is refused rather than guessed). */
function toText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new UnsafeXmlError('the XML is not UTF-8');
  }
  const declared = /^<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  if (declared && !/^utf-?8$/i.test(declared)) throw new UnsafeXmlError(`the XML declares the encoding ${declared}`);
  return text;
}

/**
 * A document from at most `maxBytes` bytes of UTF-8 XML. Refuses any `<!` markup other than comments and CDATA
 * sections: DOCTYPE, ENTITY, ELEMENT, ATTLIST (before the parser sees them, and again on what it built).
 */
export function parseUntrustedXml(bytes: Uint8Array, maxBytes: number): Document {
  if (bytes.byteLength > maxBytes) throw new UnsafeXmlError(`the XML has ${bytes.byteLength} bytes, more than ${maxBytes}`);
  const text = toText(bytes);
  if (/<!(?!--|\[CDATA\[)/.test(text)) throw new UnsafeXmlError('the XML has a document type or entity declaration');
  let document: Document;
  try {
    document = new DOMParser({ onError: onWarningStopParsing }).parseFromString(text, 'text/xml');
  } catch (error) {
    throw new UnsafeXmlError(`the XML is not well-formed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (document.doctype || !document.documentElement) throw new UnsafeXmlError('the XML has a document type or no root element');
  return document;
}

/** base64 (whitespace allowed, as some SPs wrap lines) to bytes; null when it is not base64. */
export function decodeBase64(text: string): Uint8Array | null {
  const compact = text.replace(/[\r\n\t ]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) return null;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

/** Raw DEFLATE (SAML bindings §3.4.4.1), inflated to at most `maxBytes`: a small bomb cannot become a big buffer. */
export function inflateBounded(bytes: Uint8Array, maxBytes: number): Uint8Array {
  try {
    return new Uint8Array(inflateRawSync(bytes, { maxOutputLength: maxBytes }));
  } catch (error) {
    const tooLarge = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw new UnsafeXmlError(tooLarge ? `the request inflates to more than ${maxBytes} bytes` : 'the request is not DEFLATE-compressed');
  }
}

/** The element children of `parent` with this namespace and local name. */
export function childrenNamed(parent: Element, namespace: string, localName: string): Element[] {
  return Array.from(parent.childNodes).filter(
    (node): node is Element =>
      node.nodeType === node.ELEMENT_NODE && (node as Element).namespaceURI === namespace && (node as Element).localName === localName,
  );
}

/**
 * All the text of an element, comments left out: the text of `a<!---->b` is `ab`, never `a` (comments split a
 * text node, and reading only the first part let attackers shorten an Issuer or NameID).
 */
export function textOf(element: Element): string {
  return element.textContent ?? '';
}
