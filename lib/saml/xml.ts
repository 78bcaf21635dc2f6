import { create } from 'xmlbuilder2';

/**
 * A document as one plain nested object: '@name' for attributes, '#' for text, arrays for repeated
 * elements (xmlbuilder2's object format). STYLE §5: every XML document is serialised here, never by string
 * concatenation, so every value is escaped.
 */
export type XmlObject = { [key: string]: XmlNode };
export type XmlNode = string | XmlObject | XmlObject[] | string[];

export function toXml(document: XmlObject, options: { declaration?: boolean; pretty?: boolean } = {}): string {
  return create({ version: '1.0', encoding: 'UTF-8' }, document).end({
    headless: options.declaration === false,
    prettyPrint: options.pretty ?? false,
  });
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
