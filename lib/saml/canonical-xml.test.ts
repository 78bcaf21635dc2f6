import { DOMParser, type Element } from '@xmldom/xmldom';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ExclusiveCanonicalization } from 'xml-crypto';

import { HOSTILE_LINE_ENDS, HOSTILE_TEXT, HOSTILE_XML11_LINE_ENDS } from '@/test/hostile';
import { notXmlText, xmlText } from '@/test/xml-arbitraries';

import { type XmlElement, envelop, toCanonicalXml, toXmlDocument } from './canonical-xml';

/** A small SAML-shaped tree with `value` in every place a value goes: text and attributes, nested and not. */
const treeWith = (value: string, other = 'x'): XmlElement => ({
  name: 'samlp:Response',
  attributes: { ID: '_r', Destination: value },
  children: [
    { name: 'saml:Issuer', children: [value] },
    {
      name: 'saml:Assertion',
      attributes: { Version: '2.0', ID: '_a' },
      children: [
        { name: 'saml:NameID', attributes: { Format: other, SPNameQualifier: value }, children: [value] },
        { name: 'saml:AttributeValue', attributes: { 'xsi:type': 'xs:string' }, children: [other, value] },
        { name: 'saml:Empty' },
      ],
    },
  ],
});

const parse = (xml: string) => {
  const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement;
  if (!root) throw new Error('not a document');
  return root;
};
// xml-crypto's types name the browser's DOM; at run time it works on xmldom's nodes (it parses with xmldom itself).
const xmlCryptoCanonical = (element: Element) => new ExclusiveCanonicalization().process(element as unknown as globalThis.Element, {});
const child = (element: Element, localName: string) => {
  const found = Array.from(element.childNodes).find((node) => (node as Element).localName === localName);
  if (!found) throw new Error(`no ${localName}`);
  return found as Element;
};

/**
 * The document written, parsed back: the canonical form xml-crypto computes of its root and of its assertion (a
 * nested element, with namespaces declared above it) is byte for byte what toCanonicalXml wrote, and every value
 * reads back as it was given.
 */
function expectCanonicalAgreement(tree: XmlElement, value: string) {
  const root = parse(toXmlDocument(tree, ['xs']));
  expect(xmlCryptoCanonical(root)).toBe(toCanonicalXml(tree));
  const assertion = child(root, 'Assertion');
  expect(xmlCryptoCanonical(assertion)).toBe(toCanonicalXml(tree.children?.[1] as XmlElement));
  expect(root.getAttribute('Destination')).toBe(value);
  expect(child(root, 'Issuer').textContent).toBe(value);
  expect(child(assertion, 'NameID').getAttribute('SPNameQualifier')).toBe(value);
  expect(child(assertion, 'NameID').textContent).toBe(value);
}

describe('canonical XML writer', () => {
  test('writes exclusive c14n: declarations where used, sorted attributes, end tags, no declaration', () => {
    expect(toCanonicalXml(treeWith('v'))).toBe(
      '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" Destination="v" ID="_r">' +
        '<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">v</saml:Issuer>' +
        '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a" Version="2.0">' +
        '<saml:NameID Format="x" SPNameQualifier="v">v</saml:NameID>' +
        '<saml:AttributeValue xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">xv</saml:AttributeValue>' +
        '<saml:Empty></saml:Empty></saml:Assertion></samlp:Response>',
    );
  });

  test('the document adds the declarations asked for on its root and an XML declaration, nothing else', () => {
    expect(toXmlDocument(treeWith('v'), ['xs'])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>' +
        '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:xs="http://www.w3.org/2001/XMLSchema" Destination="v" ID="_r">' +
        '<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">v</saml:Issuer>' +
        '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a" Version="2.0">' +
        '<saml:NameID Format="x" SPNameQualifier="v">v</saml:NameID>' +
        '<saml:AttributeValue xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">xv</saml:AttributeValue>' +
        '<saml:Empty></saml:Empty></saml:Assertion></samlp:Response>',
    );
  });

  test.each([
    [
      'text',
      { name: 'saml:A', children: ['a&b<c>d"e\'f\tg\nh\ri\u0085'] },
      '<saml:A xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">a&amp;b&lt;c&gt;d"e\'f\tg\nh&#xD;i\u0085</saml:A>',
    ],
    [
      'an attribute',
      { name: 'saml:A', attributes: { B: 'a&b<c>d"e\'f\tg\nh\ri' } },
      '<saml:A xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" B="a&amp;b&lt;c>d&quot;e\'f&#x9;g&#xA;h&#xD;i"></saml:A>',
    ],
  ] as const)('escapes %s as Canonical XML §2.3 says', (_case, element, canonical) => {
    expect(toCanonicalXml(element)).toBe(canonical);
  });

  test('writes NEL, LS and PS raw where signed, as references in the document (xmldom reads them raw as LF)', () => {
    const element = { name: 'saml:A', attributes: { B: '\u0085\u2028\u2029' }, children: ['\u0085\u2028\u2029'] };
    expect(toCanonicalXml(element)).toContain('B="\u0085\u2028\u2029">\u0085\u2028\u2029<');
    expect(toXmlDocument(element)).toContain('B="&#x85;&#x2028;&#x2029;">&#x85;&#x2028;&#x2029;<');
  });

  test('leaves out attributes whose value is undefined', () => {
    expect(toCanonicalXml({ name: 'saml:A', attributes: { B: undefined, C: '' } })).toBe(
      '<saml:A xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" C=""></saml:A>',
    );
  });

  test('refuses an element name without a known namespace prefix', () => {
    expect(() => toCanonicalXml({ name: 'Response' })).toThrow(/No namespace is known for the prefix ""/);
    expect(() => toCanonicalXml({ name: 'evil:Response' })).toThrow(/No namespace is known for the prefix "evil"/);
  });

  test.each([...HOSTILE_TEXT, ...HOSTILE_LINE_ENDS, ...HOSTILE_XML11_LINE_ENDS])(
    'agrees byte for byte with xml-crypto on %s, and gives it back exactly',
    (_case, value) => {
      expectCanonicalAgreement(treeWith(value), value);
    },
  );

  test('agrees byte for byte with xml-crypto on random Unicode values, and gives them back exactly', () => {
    fc.assert(
      fc.property(xmlText, xmlText, (value, other) => {
        expectCanonicalAgreement(treeWith(value, other), value);
      }),
      { numRuns: 500 },
    );
  });

  test('refuses any value holding a character XML cannot carry, in text and in attributes', () => {
    fc.assert(
      fc.property(notXmlText, (value) => {
        expect(() => toCanonicalXml({ name: 'saml:A', children: [value] })).toThrow(/character that XML cannot carry/);
        expect(() => toXmlDocument({ name: 'saml:A', attributes: { B: value } })).toThrow(/character that XML cannot carry/);
      }),
    );
  });

  describe('an element with a signature put in (envelop)', () => {
    const signature: XmlElement = { name: 'ds:Signature', children: [{ name: 'ds:SignatureValue', children: ['c2ln'] }] };
    const signedAssertion = (value: string) => {
      const assertion = treeWith(value).children?.[1] as XmlElement;
      const enveloped = envelop({ ...assertion, children: [{ name: 'saml:Issuer', children: [value] }, ...(assertion.children ?? [])] });
      return { canonical: enveloped.canonical, signed: enveloped.insert(signature) };
    };
    // The same tree as plain data: written afresh, element by element.
    const afresh = (element: XmlElement) => JSON.parse(JSON.stringify(element)) as XmlElement;

    test('digests the element without the signature, placed after its first child', () => {
      const { canonical, signed } = signedAssertion('v');
      expect(canonical).toBe(toCanonicalXml(afresh({ ...signed, children: signed.children?.filter((child) => child !== signature) })));
      expect(toCanonicalXml(signed)).toContain('v</saml:Issuer><ds:Signature xmlns:ds=');
    });

    test.each([...HOSTILE_TEXT, ...HOSTILE_LINE_ENDS, ...HOSTILE_XML11_LINE_ENDS])(
      'reads as if written whole, alone, in a message and in the document, with %s',
      (_case, value) => {
        const { signed } = signedAssertion(value);
        const message: XmlElement = {
          name: 'samlp:Response',
          attributes: { ID: '_r' },
          children: [{ name: 'saml:Issuer', children: [value] }, signed],
        };
        expect(toCanonicalXml(signed)).toBe(toCanonicalXml(afresh(signed)));
        expect(toCanonicalXml(message)).toBe(toCanonicalXml(afresh(message)));
        expect(toXmlDocument(message, ['xs'])).toBe(toXmlDocument(afresh(message), ['xs']));
      },
    );

    test('is written afresh under an element that declares a prefix it declares', () => {
      const { signed } = signedAssertion('v');
      const outer: XmlElement = { name: 'saml:Advice', children: [signed] };
      expect(toCanonicalXml(outer)).toBe(toCanonicalXml(afresh(outer)));
      expect(toCanonicalXml(outer)).toMatch(/^<saml:Advice xmlns:saml="[^"]+"><saml:Assertion ID=/);
    });

    test('keeps NEL, LS and PS raw where signed and as references in the document', () => {
      const { signed } = signedAssertion('a\u2028b');
      const message: XmlElement = { name: 'samlp:Response', children: [{ name: 'saml:Issuer', children: ['i'] }, signed] };
      expect(toCanonicalXml(message)).toContain('a\u2028b');
      expect(toXmlDocument(message)).not.toContain('\u2028');
      expect(toXmlDocument(message)).toContain('a&#x2028;b');
    });
  });
});
