import { describe, expect, test } from 'vitest';

import { HOSTILE_TEXT } from '@/test/hostile';

import { renderErrorPage } from './pages';
import { type StepView, renderLogoutPage, renderStepPage } from './step-pages';

const email = (label: string) => ({ key: 'email1' as const, kind: 'email' as const, label, address: 'a@b.c', masked: label });

/** Every page a sign-in step can show, with `text` in each value that reaches the page. */
function everyView(text: string): StepView[] {
  return [
    { page: 'start', step: 'username', last: false, username: text, device: { defaultPrivate: true } },
    { page: 'start', step: 'credentials', last: false, username: text, device: null },
    { page: 'password', username: text, last: true },
    { page: 'methods', methods: [email(text), { key: 'totp', kind: 'totp', label: text, enrolled: true }], selected: text },
    { page: 'no-methods' },
    { page: 'code', method: email(text), lifetimeMinutes: 5 },
    { page: 'enrol', secret: text, qrSvg: '<svg></svg>', issuer: text, account: text, digits: 6, period: 30 },
  ];
}

describe('end-user pages', () => {
  test.each(HOSTILE_TEXT)('escape %s in the title, header, values, messages and reference', (_case, hostile) => {
    const look = { documentTitle: hostile, pageHeader: hostile, logoUrl: `/sso/x/logo?${hostile}` };
    const context = { ...look, nonce: 'n', csrfToken: hostile, error: hostile, notice: hostile };
    const pages = [
      ...everyView(hostile).map((view) => renderStepPage(view, context)),
      renderLogoutPage({ ...context, signedIn: true }),
      renderErrorPage({ ...look, nonce: 'n', message: hostile, reference: hostile }),
    ];
    for (const html of pages) {
      expect(html).not.toContain(hostile);
      expect(html).not.toMatch(/<script/);
    }
  });

  test('every form carries the CSRF token, and every field has a label', () => {
    for (const view of everyView('jane')) {
      const html = renderStepPage(view, { documentTitle: 'Portal', pageHeader: 'Portal', nonce: 'abc', csrfToken: 'tok' });
      expect(html).toContain('<style nonce="abc">');
      const forms = html.match(/<form method="post">/g) ?? [];
      expect(html.match(/<input type="hidden" name="csrf" value="tok">/g) ?? []).toHaveLength(forms.length);
      for (const [, id] of html.matchAll(/<input id="([^"]+)"/g)) expect(html).toContain(`<label for="${id}">`);
      for (const radio of html.match(/<input type="radio"[^>]*>/g) ?? []) expect(html).toContain(`<label class="choice">${radio}`);
    }
  });

  test('the first page asks about the device only when the realm allows both modes, with its default checked', () => {
    const render = (device: { defaultPrivate: boolean } | null) =>
      renderStepPage(
        { page: 'start', step: 'credentials', last: false, device },
        { documentTitle: 'P', pageHeader: 'P', nonce: 'n', csrfToken: 't' },
      );
    expect(render({ defaultPrivate: false })).toContain(
      '<input type="radio" name="device" value="public" checked> This is a public or shared device',
    );
    expect(render({ defaultPrivate: true })).toContain(
      '<input type="radio" name="device" value="private" checked> This is a private device',
    );
    expect(render(null)).not.toContain('name="device"');
  });

  test('an email method shows only the masked address', () => {
    const html = renderStepPage(
      { page: 'code', method: { ...email('j***@example.com'), address: 'jane@example.com' }, lifetimeMinutes: 5 },
      { documentTitle: 'P', pageHeader: 'P', nonce: 'n', csrfToken: 't' },
    );
    expect(html).toContain('We sent a passcode to j***@example.com. It is valid for 5 minutes.');
    expect(html).not.toContain('jane@example.com');
  });
});
