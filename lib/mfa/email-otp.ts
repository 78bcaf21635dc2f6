import 'server-only';

import { randomInt, timingSafeEqual } from 'node:crypto';

import { macOf } from '@/lib/crypto/secrets';
import { type SmtpSettings, sendMail } from '@/lib/mail/smtp';

/**
 * Email one-time passcodes: a random code of the tab's Length, mailed through the realm's SMTP settings and
 * stored only as an HMAC bound to the sign-in (so the database never holds a code, and a code is worth nothing
 * in another sign-in). The sign-in row keeps its end, its tries and how many were sent (lib/workflow).
 */

/** At most this many passcodes per sign-in, and a new one no sooner than RESEND_INTERVAL_MS after the last. */
export const MAX_CODES_PER_SIGN_IN = 3;
export const RESEND_INTERVAL_MS = 30_000;

/** `length` random digits (leading zeros included), uniformly from crypto.randomInt. */
export function generateCode(length: number): string {
  return Array.from({ length }, () => randomInt(10)).join('');
}

export function hashCode(transactionId: string, code: string): string {
  return macOf('sso-email-otp', Buffer.from(`${transactionId}\n${code}`, 'utf8')).toString('hex');
}

/** Constant-time comparison of a typed code with the stored hash; anything may be typed. */
export function codeMatches(storedHash: string, transactionId: string, typed: string): boolean {
  const code = typed.replace(/\s/g, '');
  if (!/^\d{1,16}$/.test(code)) return false;
  const [a, b] = [Buffer.from(storedHash, 'hex'), Buffer.from(hashCode(transactionId, code), 'hex')];
  return a.length === b.length && timingSafeEqual(a, b);
}

/** An address as the method choice shows it: the first character of the local part, then j***@example.com. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}

export type PasscodeMail = { to: string; code: string; lifetimeMinutes: number; subject: string; realmName: string };

/** Sends the passcode; the code is in the mail only, never in a log line (a failure logs the SMTP answer). */
export async function sendPasscodeMail(settings: SmtpSettings, mail: PasscodeMail): Promise<void> {
  await sendMail(settings, {
    to: mail.to,
    subject: mail.subject,
    // The code on a short line of its own: the first thing a phone's notification shows, never wrapped.
    text: `Your one-time passcode: ${mail.code}\n\nIt signs you in to ${mail.realmName}, is valid for ${mail.lifetimeMinutes} minute${
      mail.lifetimeMinutes === 1 ? '' : 's'
    } and can be used once. If you did not try to sign in, you can ignore this email.\n`,
  });
}
