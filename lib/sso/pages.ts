import { escapeHtml } from '@/lib/http/html';

/**
 * The end-user pages of a realm, as plain server-rendered HTML: no script at all on the sign-in and error
 * pages (the only script end users ever get is the auto-POST in lib/saml/post-binding.ts), so the CSP can
 * forbid every script. Every interpolated value is escaped. The sign-in steps' pages are in ./step-pages.ts.
 */

export type Look = { documentTitle: string; pageHeader: string; logoUrl?: string };

const STYLE = `body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;margin:0}
main{max-width:24rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:.5rem;box-shadow:0 1px 3px rgba(0,0,0,.1)}
h1{font-size:1.35rem;margin:0 0 1.25rem}h2{font-size:1.1rem;margin:0 0 .75rem}img{max-height:3rem;max-width:12rem;margin-bottom:1rem}
label{display:block;font-size:.9rem;font-weight:600;margin:.75rem 0 .25rem}
input[type=text],input[type=password]{box-sizing:border-box;width:100%;padding:.5rem;border:1px solid #cbd5e1;border-radius:.375rem;font:inherit}
fieldset{border:0;padding:0;margin:1rem 0 0}legend{font-size:.9rem;font-weight:600;padding:0}
label.choice{display:flex;gap:.5rem;align-items:center;font-weight:400;margin:.4rem 0}
button{margin-top:1.25rem;width:100%;padding:.6rem;border:0;border-radius:.375rem;background:#4f46e5;color:#fff;font:inherit;font-weight:600}
button.secondary{margin-top:.5rem;background:#fff;color:#4338ca;border:1px solid #c7d2fe}
.error{background:#fef2f2;color:#991b1b;padding:.6rem .75rem;border-radius:.375rem;font-size:.9rem}
.notice{background:#f0fdf4;color:#166534;padding:.6rem .75rem;border-radius:.375rem;font-size:.9rem}
.qr svg{display:block;margin:1rem auto;width:200px;height:200px}
code{font-family:ui-monospace,monospace;font-size:1rem;letter-spacing:.05em;word-break:break-all}
.reference{font-family:ui-monospace,monospace;font-size:.9rem}`;

export function page(look: Look, nonce: string, body: string): string {
  const logo = look.logoUrl ? `<img src="${escapeHtml(look.logoUrl)}" alt="">` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(look.documentTitle)}</title>
<style nonce="${escapeHtml(nonce)}">${STYLE}</style>
</head>
<body>
<main>
${logo}
<h1>${escapeHtml(look.pageHeader)}</h1>
${body}
</main>
</body>
</html>
`;
}

/** An error for the end user, announced by screen readers; empty without one. */
export const errorBox = (message: string | undefined) => (message ? `<p class="error" role="alert">${escapeHtml(message)}</p>\n` : '');

/** The hidden fields every sign-in form posts: the CSRF token and what the form is for. */
export function hiddenFields(csrfToken: string, fields: Record<string, string>): string {
  const entries: [string, string][] = [['csrf', csrfToken], ...Object.entries(fields)];
  return entries.map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('\n');
}

/** A short message and, for problems the admin must look at, the reference that finds the log line. */
export function renderErrorPage(input: Look & { nonce: string; message: string; reference?: string }): string {
  const reference = input.reference ? `<p>Reference: <span class="reference">${escapeHtml(input.reference)}</span></p>` : '';
  return page(input, input.nonce, `${errorBox(input.message)}${reference}`);
}
