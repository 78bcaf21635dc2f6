import { SamlError } from '@/lib/errors';
import { escapeHtml } from '@/lib/http/html';

export type AutoPostInput = {
  /** The Consumer URL the form posts to. */
  action: string;
  samlResponse: string;
  /** The Target URL, sent as RelayState when set. */
  relayState?: string;
  /** The CSP nonce of this response: the only script allowed to run. */
  nonce: string;
};

/**
 * The HTTP-POST binding page (SAML bindings §3.5): a form with SAMLResponse and RelayState that a nonce'd
 * script submits, and a visible Continue button for browsers without script. Every value is escaped; a
 * Consumer URL that is not http(s) is refused, so the page can never run a javascript: URL. The page is ASCII (an
 * ellipsis as &hellip;): one character outside Latin-1 would make V8 hold the whole page, SAMLResponse and all,
 * as a two-byte string, and copy it again to send it.
 */
export function renderAutoPostPage(input: AutoPostInput): string {
  let url: URL;
  try {
    url = new URL(input.action);
  } catch {
    throw new SamlError('The service provider address is not valid.', `Consumer URL is not a URL: ${input.action}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SamlError('The service provider address is not valid.', `Consumer URL scheme ${url.protocol} refused`);
  }
  const relayState =
    input.relayState === undefined ? '' : `<input type="hidden" name="RelayState" value="${escapeHtml(input.relayState)}">`;
  const nonce = escapeHtml(input.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<title>Signing you in&hellip;</title>
<style nonce="${nonce}">body{font-family:system-ui,sans-serif;margin:4rem auto;max-width:32rem;text-align:center;color:#0f172a}button{font:inherit;padding:.5rem 1.25rem;border-radius:.375rem;border:0;background:#4f46e5;color:#fff}</style>
</head>
<body>
<form method="post" action="${escapeHtml(url.href)}">
<input type="hidden" name="SAMLResponse" value="${escapeHtml(input.samlResponse)}">
${relayState}
<p>Signing you in to the service provider&hellip;</p>
<noscript><p>JavaScript is off: press Continue.</p></noscript>
<button type="submit">Continue</button>
</form>
<script nonce="${nonce}">document.forms[0].submit();</script>
</body>
</html>
`;
}
