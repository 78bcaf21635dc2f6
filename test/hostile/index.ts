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

/** Consumer URLs that must never become a form action. */
export const HOSTILE_CONSUMER_URLS = Object.freeze([
  'javascript:alert(document.cookie)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'not a url',
] as const);
