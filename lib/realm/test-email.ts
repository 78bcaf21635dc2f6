import 'server-only';

import { z } from 'zod';

import { requireAdmin } from '@/lib/auth/admin';
import { logError } from '@/lib/log';
import { sendMail } from '@/lib/mail/smtp';
import { loadSmtpSettings } from '@/lib/realm/repository';
import { optionalEmailSchema } from '@/lib/realm/schemas/fields';

export const testEmailSchema = z.object({
  to: optionalEmailSchema().min(1, { error: 'Enter the address to send the test email to' }),
});

export type TestEmailResult = { ok: boolean; message: string };

/** Overview's "Send test email": sends with the realm's saved SMTP settings and reports what happened. */
export async function sendTestEmail(realmId: unknown, input: unknown): Promise<TestEmailResult> {
  await requireAdmin();
  const parsed = testEmailSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'Enter an address' };
  const settings = typeof realmId === 'string' ? await loadSmtpSettings(realmId) : null;
  if (!settings) return { ok: false, message: 'This realm does not exist.' };
  if (!settings.host) return { ok: false, message: 'Set the Server Address and save before sending a test email.' };
  try {
    await sendMail(settings, {
      to: parsed.data.to,
      subject: `Realmgate test email from ${settings.realmName}`,
      text: `This is a test email from the realm "${settings.realmName}". Its Email Settings (SMTP) work.`,
    });
    return { ok: true, message: `Test email sent to ${parsed.data.to}.` };
  } catch (error) {
    // The SMTP server's answer helps the admin (wrong password, relay denied); it never contains our password.
    const reference = logError('send test email', error);
    const reason = error instanceof Error ? error.message : 'unknown error';
    return { ok: false, message: `The test email was not sent: ${reason} (reference ${reference}).` };
  }
}
