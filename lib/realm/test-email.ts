import 'server-only';

import { z } from 'zod';

import { authorizeAction, isRefusal } from '@/lib/form-action';
import { logError } from '@/lib/log';
import { sendMail } from '@/lib/mail/smtp';
import { type ThrottlePolicy, reserveAttempt } from '@/lib/throttle';
import { REALM_NOT_FOUND, loadSmtpSettings } from '@/lib/realm/repository';
import { optionalEmailSchema } from '@/lib/realm/schemas/fields';

export const testEmailSchema = z.object({
  to: optionalEmailSchema().min(1, { error: 'Enter the address to send the test email to' }),
});

export type TestEmailResult = { ok: boolean; message: string };

/** The server action the Overview page hands its form. */
export type SendTestEmailAction = (realmId: string, input: { to: string }) => Promise<TestEmailResult>;

/** Overview's "Send test email": sends with the realm's saved SMTP settings and reports what happened. */
export async function sendTestEmail(realmId: unknown, input: unknown): Promise<TestEmailResult> {
  const admin = await authorizeAction();
  if (isRefusal(admin)) return { ok: false, message: admin.formError ?? 'Not allowed.' };
  const parsed = testEmailSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'Enter an address' };
  let settings: Awaited<ReturnType<typeof loadSmtpSettings>>;
  try {
    settings = typeof realmId === 'string' ? await loadSmtpSettings(realmId) : null;
  } catch (error) {
    return { ok: false, message: `The SMTP settings could not be read (reference ${logError('load SMTP settings', error)}).` };
  }
  if (!settings) return { ok: false, message: REALM_NOT_FOUND };
  if (!settings.host) return { ok: false, message: 'Set the Server Address and save before sending a test email.' };
  if (!(await reserveAttempt(`test-email:${String(realmId)}`, TEST_EMAIL_LIMIT, new Date())).ok) {
    return { ok: false, message: 'Too many test emails: wait a minute before sending another.' };
  }
  try {
    await sendMail(settings, {
      to: parsed.data.to,
      subject: `Realmgate test email from ${settings.realmName}`,
      text: `This is a test email from the realm "${settings.realmName}". Its Email Settings (SMTP) work.`,
    });
    return { ok: true, message: `Test email sent to ${parsed.data.to}.` };
  } catch (error) {
    // The raw answer goes to the log only: echoing it would let the console probe hosts and ports it can reach.
    const reference = logError('send test email', error, [settings.password]);
    return { ok: false, message: `The test email was not sent: ${describeSmtpFailure(error)} (reference ${reference}).` };
  }
}

const SMTP_FAILURES: Record<string, string> = {
  EAUTH: 'the server refused the username or password',
  EPLAINAUTH: 'the password would travel in clear text (SSL None): choose STARTTLS or SSL-TLS, or allow plain-text authentication',
  ECONNECTION: 'the server could not be reached',
  ECONNREFUSED: 'the server could not be reached',
  ETIMEDOUT: 'the server did not answer in time',
  ESOCKET: 'the connection failed (check Port and SSL)',
  ETLS: 'the secure connection failed (check SSL)',
  EENVELOPE: 'the server refused the sender or recipient address',
  EMESSAGE: 'the server refused the message',
};

function describeSmtpFailure(error: unknown): string {
  const code = (error as { code?: string } | null)?.code ?? '';
  return SMTP_FAILURES[code] ?? 'the server refused it (see the log for its answer)';
}

// At most 5 test emails a minute per realm, counted in the database (lib/throttle.ts), so that every instance
// counts the same: the button must not turn Realmgate into a mail cannon.
const TEST_EMAIL_LIMIT: ThrottlePolicy = { max: 5, windowMs: 60_000, lockMs: 60_000 };
