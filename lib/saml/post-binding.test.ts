import { describe, expect, test } from 'vitest';

import { HOSTILE_CONSUMER_URLS, HOSTILE_TEXT } from '@/test/hostile';

import { renderAutoPostPage } from './post-binding';

const base = { action: 'https://us-api.mimecast.com/login/sso/mpp', samlResponse: 'PHNhbWxwOlJlc3BvbnNlLz4=', nonce: 'n0nce+/=' };

describe('the auto-POST page', () => {
  test('posts SAMLResponse and RelayState to the Consumer URL, submits under the nonce, and has a Continue button', () => {
    const html = renderAutoPostPage({ ...base, relayState: 'https://portal.example.com/' });
    expect(html).toContain('<form method="post" action="https://us-api.mimecast.com/login/sso/mpp">');
    expect(html).toContain('<input type="hidden" name="SAMLResponse" value="PHNhbWxwOlJlc3BvbnNlLz4=">');
    expect(html).toContain('<input type="hidden" name="RelayState" value="https://portal.example.com/">');
    expect(html).toContain('<script nonce="n0nce+/=">document.forms[0].submit();</script>');
    expect(html).toContain('<button type="submit">Continue</button>');
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  test('sends no RelayState when the Target URL is empty', () => {
    expect(renderAutoPostPage(base)).not.toContain('RelayState');
  });

  test.each(HOSTILE_TEXT)('escapes %s in RelayState and SAMLResponse', (_case, hostile) => {
    const html = renderAutoPostPage({ ...base, relayState: hostile, samlResponse: hostile });
    expect(html).not.toContain(hostile);
    const escaped = hostile
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;');
    expect(html).toContain(`name="RelayState" value="${escaped}"`);
    expect(html).toContain(`name="SAMLResponse" value="${escaped}"`);
  });

  test('escapes a Consumer URL that carries quotes', () => {
    const html = renderAutoPostPage({ ...base, action: 'https://sp.example.com/acs?a="><script>x</script>' });
    expect(html).toContain('action="https://sp.example.com/acs?a=%22%3E%3Cscript%3Ex%3C/script%3E"');
  });

  test.each(HOSTILE_CONSUMER_URLS)('refuses the Consumer URL %s', (action) => {
    expect(() => renderAutoPostPage({ ...base, action })).toThrow(/service provider address is not valid/);
  });
});
