import { describe, expect, test } from 'vitest';

import { HOSTILE_TEXT } from '@/test/hostile';

import { renderErrorPage, renderSignInPage } from './pages';

describe('end-user pages', () => {
  test.each(HOSTILE_TEXT)('escape %s in the title, header, username, message and reference', (_case, hostile) => {
    const look = { documentTitle: hostile, pageHeader: hostile, logoUrl: `/sso/x/logo?${hostile}` };
    const signIn = renderSignInPage({ ...look, nonce: 'n', csrfToken: hostile, username: hostile, error: hostile });
    const error = renderErrorPage({ ...look, nonce: 'n', message: hostile, reference: hostile });
    for (const html of [signIn, error]) {
      expect(html).not.toContain(hostile);
      expect(html).not.toMatch(/<script/);
    }
  });

  test('the sign-in page labels its fields and carries the CSRF token', () => {
    const html = renderSignInPage({ documentTitle: 'Portal', pageHeader: 'Sign in to Portal', nonce: 'abc', csrfToken: 'tok' });
    expect(html).toContain('<label for="username">Username</label>');
    expect(html).toContain('<label for="password">Password</label>');
    expect(html).toContain('<input type="hidden" name="csrf" value="tok">');
    expect(html).toContain('<style nonce="abc">');
  });
});
