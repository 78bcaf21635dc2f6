import { escapeHtml } from '@/lib/http/html';
import type { OfferedMethod } from '@/lib/mfa/methods';
import type { Step } from '@/lib/workflow/machine';

import { type Look, errorBox, hiddenFields, page } from './pages';

/**
 * The pages of the sign-in steps (plain HTML, no script, every value escaped, a label on every field, the CSRF
 * token in every form). Each form posts to the realm URL with the step it belongs to; the server decides
 * whether that step may run (lib/workflow/machine.ts).
 */

/** What the current step shows; endpoint.ts renders it with the realm's look, the nonce and the CSRF token. */
export type StepView =
  | { page: 'start'; step: Extract<Step, 'username' | 'credentials'>; last: boolean; username?: string; device: DeviceChoice }
  | { page: 'password'; username: string; last: boolean }
  | { page: 'methods'; methods: OfferedMethod[]; selected?: string }
  | { page: 'no-methods' }
  | { page: 'code'; method: OfferedMethod; lifetimeMinutes?: number }
  | { page: 'enrol'; secret: string; qrSvg: string; issuer: string; account: string; digits: number; period: number };

/** The Workflow tab's Public/Private Mode as the first page asks it; null when the realm allows only one. */
export type DeviceChoice = { defaultPrivate: boolean } | null;

export type PageContext = Look & { nonce: string; csrfToken: string; error?: string; notice?: string };

const notice = (text: string | undefined) => (text ? `<p class="notice" role="status">${escapeHtml(text)}</p>\n` : '');

const startOver = (csrf: string) =>
  `<form method="post">
${hiddenFields(csrf, { action: 'restart' })}
<button type="submit" class="secondary">Start over</button>
</form>`;

function deviceFieldset(device: DeviceChoice): string {
  if (!device) return '';
  const radio = (value: string, text: string, checked: boolean) =>
    `<label class="choice"><input type="radio" name="device" value="${value}"${checked ? ' checked' : ''}> ${text}</label>`;
  return `<fieldset>
<legend>This device</legend>
${radio('private', 'This is a private device', device.defaultPrivate)}
${radio('public', 'This is a public or shared device', !device.defaultPrivate)}
</fieldset>`;
}

function startPage(view: Extract<StepView, { page: 'start' }>, csrf: string): string {
  const username = view.username ?? '';
  const password =
    view.step === 'credentials'
      ? `<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${username ? ' autofocus' : ''}>`
      : '';
  return `<form method="post">
${hiddenFields(csrf, { step: view.step })}
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(username)}"${username && view.step === 'credentials' ? '' : ' autofocus'}>
${password}
${deviceFieldset(view.device)}
<button type="submit">${view.last || view.step === 'credentials' ? 'Sign in' : 'Continue'}</button>
</form>`;
}

function passwordPage(view: Extract<StepView, { page: 'password' }>, csrf: string): string {
  return `<p>Username: <strong>${escapeHtml(view.username)}</strong></p>
<form method="post">
${hiddenFields(csrf, { step: 'password' })}
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required autofocus>
<button type="submit">${view.last ? 'Sign in' : 'Continue'}</button>
</form>
${startOver(csrf)}`;
}

function methodsPage(view: Extract<StepView, { page: 'methods' }>, csrf: string): string {
  const selected = view.methods.some((method) => method.key === view.selected) ? view.selected : view.methods[0]?.key;
  const radios = view.methods
    .map(
      (method) =>
        `<label class="choice"><input type="radio" name="method" value="${escapeHtml(method.key)}"${method.key === selected ? ' checked' : ''}> ${escapeHtml(method.label)}</label>`,
    )
    .join('\n');
  return `<form method="post">
${hiddenFields(csrf, { step: 'second-factor', action: 'choose' })}
<fieldset>
<legend>Confirm it is you</legend>
${radios}
</fieldset>
<button type="submit">Continue</button>
</form>
${startOver(csrf)}`;
}

const codeField = (label: string) =>
  `<label for="code">${escapeHtml(label)}</label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="16" required autofocus>`;

const otherMethod = (csrf: string) =>
  `<form method="post">
${hiddenFields(csrf, { step: 'second-factor', action: 'switch' })}
<button type="submit" class="secondary">Choose another method</button>
</form>`;

function codePage(view: Extract<StepView, { page: 'code' }>, csrf: string): string {
  const verify = `<form method="post">
${hiddenFields(csrf, { step: 'second-factor', action: 'verify' })}
${codeField('Passcode')}
<button type="submit">Verify</button>
</form>`;
  if (view.method.kind === 'totp') {
    return `<p>Enter the passcode your authenticator app shows now.</p>\n${verify}\n${otherMethod(csrf)}`;
  }
  const minutes = view.lifetimeMinutes ?? 0;
  return `<p>We sent a passcode to ${escapeHtml(view.method.masked)}. It is valid for ${minutes} minute${minutes === 1 ? '' : 's'}.</p>
${verify}
<form method="post">
${hiddenFields(csrf, { step: 'second-factor', action: 'resend' })}
<button type="submit" class="secondary">Send a new passcode</button>
</form>
${otherMethod(csrf)}`;
}

function enrolPage(view: Extract<StepView, { page: 'enrol' }>, csrf: string): string {
  // The SVG is made by lib/mfa/totp.ts from our own URI: shapes only, nothing a user typed.
  return `<h2>Set up your authenticator app</h2>
<p>Scan this QR code with an authenticator app, or type the key below into it. It is shown only while you set it up.</p>
<div class="qr" role="img" aria-label="QR code for your authenticator app">${view.qrSvg}</div>
<p>Key: <code aria-label="Secret key">${escapeHtml(view.secret)}</code></p>
<p>Account: ${escapeHtml(view.account)} · Issuer: ${escapeHtml(view.issuer)} · ${view.digits} digits every ${view.period} seconds</p>
<form method="post">
${hiddenFields(csrf, { step: 'second-factor', action: 'verify' })}
${codeField('Passcode from your app')}
<button type="submit">Verify and finish setup</button>
</form>
${otherMethod(csrf)}`;
}

const NO_METHODS =
  'No way to confirm your sign-in is set up for your account. Please ask your administrator to add an email address to your account or to enable a method for you.';

function stepBody(view: StepView, csrf: string): string {
  switch (view.page) {
    case 'start':
      return startPage(view, csrf);
    case 'password':
      return passwordPage(view, csrf);
    case 'methods':
      return methodsPage(view, csrf);
    case 'no-methods':
      return `${errorBox(NO_METHODS)}${startOver(csrf)}`;
    case 'code':
      return codePage(view, csrf);
    case 'enrol':
      return enrolPage(view, csrf);
  }
}

export function renderStepPage(view: StepView, context: PageContext): string {
  return page(context, context.nonce, `${errorBox(context.error)}${notice(context.notice)}${stepBody(view, context.csrfToken)}`);
}

/** /sso/<realm>/logout: a confirmation (a POST with the CSRF token, so no other site can sign anyone out). */
export function renderLogoutPage(context: PageContext & { signedIn: boolean }): string {
  const body = context.signedIn
    ? `<p>Sign out of ${escapeHtml(context.pageHeader)} on this device?</p>
<form method="post">
${hiddenFields(context.csrfToken, {})}
<button type="submit">Sign out</button>
</form>`
    : '';
  return page(context, context.nonce, `${errorBox(context.error)}${notice(context.notice)}${body}`);
}
