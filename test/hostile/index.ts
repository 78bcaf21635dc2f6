/**
 * Hostile inputs (STYLE §6): every place that renders or signs user-controlled text is tested with each of
 * these. Add a new one here when a new way of breaking out is found.
 */
export const HOSTILE_TEXT = Object.freeze([
  ['markup', '<script>alert(1)</script><b>x</b>'],
  ['an attribute breakout', '" onmouseover="alert(1)" x="'],
  ['single quotes', "' onfocus='alert(1)"],
  ['an ampersand entity', '&amp;&lt;&#x3C;'],
  ['a CDATA terminator', 'x]]>y'],
  ['an XML comment', 'x<!-- c -->y'],
] as const);

/**
 * Values an XML parser would not give back as they are if written raw: line ends it normalises to LF (XML 1.0
 * §2.11), and tab and LF, which become spaces in attribute values (§3.3.3).
 */
export const HOSTILE_LINE_ENDS = Object.freeze([
  ['a carriage return', 'a\rb'],
  ['a CRLF', 'a\r\nb'],
  ['a tab and a line feed', 'a\tb\nc'],
  ['surrounding line ends', '\r\n a \r'],
] as const);

/**
 * XML 1.1's extra line ends, which xmldom (node-saml's parser) normalises to LF in XML 1.0 documents too: NEL,
 * LS and PS. Written as references they survive parsing; a signed assertion still cannot carry them to
 * node-saml, which re-parses the canonical form, where c14n writes them raw. The forms refuse them.
 */
export const HOSTILE_XML11_LINE_ENDS = Object.freeze([
  ['a next-line character (NEL)', 'a\u0085b'],
  ['a CR before NEL', 'a\r\u0085b'],
  ['line and paragraph separators', 'a\u2028b\u2029c'],
] as const);

/** Consumer URLs that must never become a form action. */
export const HOSTILE_CONSUMER_URLS = Object.freeze([
  'javascript:alert(document.cookie)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'not a url',
] as const);
