import 'server-only';

import type { ActiveUser } from '@/lib/directory';
import { SamlError } from '@/lib/errors';
import { logError } from '@/lib/log';
import { MAX_CODES_PER_SIGN_IN, RESEND_INTERVAL_MS, generateCode, hashCode, sendPasscodeMail } from '@/lib/mfa/email-otp';
import type { OfferedMethod } from '@/lib/mfa/methods';
import { loadSmtpSettings } from '@/lib/realm/repository';
import { type ThrottlePolicy, deleteExpiredAttempts, reserveAttempt as reserveThrottle } from '@/lib/throttle';
import { type SignInTransaction, updateTransaction } from '@/lib/workflow/transactions';

import { MISCONFIGURED } from './messages';
import type { StepContext } from './step-result';

/**
 * Sending an email passcode: at most MAX_CODES_PER_SIGN_IN per sign-in, one per RESEND_INTERVAL_MS, and at most
 * MAIL_THROTTLE per user and realm across sign-ins (the username-first orders let anyone start a sign-in for a
 * username, so one sign-in's limit alone would not stop a mail flood). Counters live in the database.
 */
export const MAIL_THROTTLE: ThrottlePolicy = { max: 10, windowMs: 60 * 60_000, lockMs: 60 * 60_000 };

export type SendOutcome =
  { ok: true; transaction: SignInTransaction } | { ok: false; status: number; error: string; transaction: SignInTransaction };

export async function sendPasscode(
  context: StepContext,
  transaction: SignInTransaction,
  user: ActiveUser,
  method: Extract<OfferedMethod, { kind: 'email' }>,
): Promise<SendOutcome> {
  const { realm, now } = context;
  const refuse = (status: number, error: string): SendOutcome => ({ ok: false, status, error, transaction });
  if (transaction.codesSent >= MAX_CODES_PER_SIGN_IN) {
    return refuse(429, 'This sign-in has sent as many passcodes as it may. Start over to get a new one.');
  }
  const wait = transaction.codeSentAt === null ? 0 : transaction.codeSentAt + RESEND_INTERVAL_MS - now;
  if (wait > 0) return refuse(429, `Please wait ${Math.ceil(wait / 1000)} seconds before asking for a new passcode.`);
  await deleteExpiredAttempts('sso-otp-mail:', MAIL_THROTTLE, new Date(now));
  const throttle = await reserveThrottle(`sso-otp-mail:${realm.id}:${user.profile.userId}`, MAIL_THROTTLE, new Date(now));
  if (!throttle.ok) return refuse(429, 'Too many passcodes were sent to this account. Please try again later.');
  const settings = await loadSmtpSettings(realm.id);
  if (!settings?.host) throw new SamlError(MISCONFIGURED, `realm ${realm.slug}: email passcodes are enabled but no SMTP server is set`);

  const code = generateCode(realm.mfa.otpLength);
  const change = {
    method: method.key,
    codeHash: hashCode(transaction.id, code),
    codeExpiresAt: new Date(now + realm.mfa.otpLifetimeMinutes * 60_000),
    codeAttempts: 0,
    codesSent: transaction.codesSent + 1,
    codeSentAt: new Date(now),
    pendingTotpEnc: null,
  };
  // Stored first: a double submit sends one mail, and the code works whichever instance answers next.
  if (!(await updateTransaction(transaction, change))) return refuse(409, 'This page was out of date. Please try again.');
  const sent: SignInTransaction = {
    ...transaction,
    ...change,
    codeExpiresAt: change.codeExpiresAt.getTime(),
    codeSentAt: now,
    version: transaction.version + 1,
  };
  try {
    await sendPasscodeMail(settings, {
      to: method.address,
      code,
      lifetimeMinutes: realm.mfa.otpLifetimeMinutes,
      subject: realm.emailSubject || 'Your one-time passcode',
      realmName: realm.pageHeader,
    });
  } catch (error) {
    const reference = logError(`sso ${realm.slug}: send one-time passcode`, error, [settings.password, code]);
    return {
      ok: false,
      status: 502,
      error: `The passcode could not be sent (reference ${reference}). Try again shortly, or choose another method.`,
      transaction: sent,
    };
  }
  return { ok: true, transaction: sent };
}
