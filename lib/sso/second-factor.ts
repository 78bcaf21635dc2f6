import 'server-only';

import type { ActiveUser } from '@/lib/directory';
import { countSecondFactor } from '@/lib/metrics';
import { codeMatches } from '@/lib/mfa/email-otp';
import { type OfferedMethod, offeredMethods } from '@/lib/mfa/methods';
import { generateTotpSecret, matchTotp } from '@/lib/mfa/totp';
import { hasTotpEnrollment, openPendingSeed, saveTotpEnrollment, sealPendingSeed } from '@/lib/mfa/totp-store';
import { passwordBefore } from '@/lib/workflow/machine';
import { type SignInTransaction, reserveCodeAttempt, updateTransaction } from '@/lib/workflow/transactions';

import { lockedUntil } from './lockout';
import { sendPasscode } from './passcode-mail';
import { beginGuess, judged, lockedMessage } from './sign-in';
import { advance } from './step-flow';
import type { StepView } from './step-pages';
import { type StepContext, type StepResult, current } from './step-result';
import { enrolView, totpSettings, verifyEnrolledTotp } from './totp-step';

/**
 * The Second Factor step: choose a method the realm enables and the user can receive, then prove it with a code
 * (an email passcode, or an authenticator's TOTP, enrolling one first where allowed). Every change to the sign-in
 * is version-checked, and wrong codes count toward Account Lockout and the address throttle like wrong passwords.
 */

async function methodsOf(context: StepContext, transaction: SignInTransaction, user: ActiveUser): Promise<OfferedMethod[]> {
  const enrolled = await hasTotpEnrollment(context.realm.id, user.profile.userId);
  return offeredMethods(context.realm.mfa, user.profile, { enrolled, mayEnrol: passwordBefore(transaction.steps, 'second-factor') });
}

/** Remember User Selection: pre-select this device's last method, on private devices only. */
function remembered(context: StepContext, transaction: SignInTransaction): string | undefined {
  return transaction.privateDevice && context.realm.device.rememberUserSelection ? context.remembered : undefined;
}

/** The page of the second-factor step as the sign-in stands. */
export async function secondFactorView(context: StepContext, transaction: SignInTransaction, user: ActiveUser): Promise<StepView> {
  const methods = await methodsOf(context, transaction, user);
  const chosen = methods.find((method) => method.key === transaction.method);
  if (!chosen) {
    return methods.length ? { page: 'methods', methods, selected: remembered(context, transaction) } : { page: 'no-methods' };
  }
  if (chosen.kind === 'totp' && transaction.pendingTotpEnc) {
    return enrolView(context, user, openPendingSeed(transaction.pendingTotpEnc, transaction.id, context.realm.id, user.profile.userId));
  }
  return { page: 'code', method: chosen, lifetimeMinutes: context.realm.mfa.otpLifetimeMinutes };
}

async function choose(context: StepContext, transaction: SignInTransaction, user: ActiveUser, key: string): Promise<StepResult> {
  const method = (await methodsOf(context, transaction, user)).find((offered) => offered.key === key);
  if (!method) return current(transaction, { status: 400, error: 'Choose one of the methods shown.' });
  if (method.kind === 'email') {
    const sent = await sendPasscode(context, transaction, user, method);
    return current(sent.transaction, sent.ok ? {} : { status: sent.status, error: sent.error });
  }
  // An authenticator is enrolled only where allowed (methodsOf); its seed waits in the sign-in until confirmed.
  const pendingTotpEnc = method.enrolled
    ? null
    : sealPendingSeed(generateTotpSecret(), transaction.id, context.realm.id, user.profile.userId);
  const change = { method: 'totp', codeHash: null, pendingTotpEnc };
  if (!(await updateTransaction(transaction, change))) return { kind: 'stale' };
  return current({ ...transaction, ...change, version: transaction.version + 1 });
}

async function resend(context: StepContext, transaction: SignInTransaction, user: ActiveUser): Promise<StepResult> {
  const method = (await methodsOf(context, transaction, user)).find((offered) => offered.key === transaction.method);
  if (method?.kind !== 'email') return current(transaction, { status: 400, error: 'Choose a method first.' });
  const sent = await sendPasscode(context, transaction, user, method);
  return current(sent.transaction, sent.ok ? { notice: 'We sent a new passcode.' } : { status: sent.status, error: sent.error });
}

async function wrongCode(context: StepContext, transaction: SignInTransaction, message: string): Promise<StepResult> {
  const now = new Date(context.now);
  const locked = await lockedUntil(context.realm.id, transaction.username, now);
  return current(transaction, { status: 401, error: locked ? lockedMessage(locked, now) : message });
}

/** An email passcode: unexpired, a try left (reserved before comparing), counted toward lockout, single use. */
async function verifyEmail(context: StepContext, transaction: SignInTransaction, user: ActiveUser, code: string): Promise<StepResult> {
  if (!transaction.codeHash)
    return current(transaction, { status: 400, error: 'This passcode can no longer be used. Send a new passcode.' });
  if ((transaction.codeExpiresAt ?? 0) <= context.now) {
    return current(transaction, { status: 400, error: 'This passcode has expired. Send a new passcode.' });
  }
  if (!(await reserveCodeAttempt(transaction, context.realm.mfa.otpMaxAttempts))) {
    return current(transaction, { status: 429, error: 'Too many wrong passcodes. Send a new passcode.' });
  }
  const guess = await beginGuess(context.realm, transaction.username, context.address, new Date(context.now));
  if (!guess.ok) return current(transaction, { status: 429, error: guess.message });
  if (!codeMatches(transaction.codeHash, transaction.id, code)) {
    await guess.settle('wrong');
    return wrongCode(context, transaction, 'The passcode is incorrect.');
  }
  return advance(transaction, user, guess, { codeHash: null });
}

/** A TOTP code: of the enrolled authenticator, or of the one being enrolled (which it then enrols). */
async function verifyTotp(context: StepContext, transaction: SignInTransaction, user: ActiveUser, code: string): Promise<StepResult> {
  const guess = await beginGuess(context.realm, transaction.username, context.address, new Date(context.now));
  if (!guess.ok) return current(transaction, { status: 429, error: guess.message });
  const { realm, now } = context;
  const userId = user.profile.userId;
  const check = await judged(guess, async () => {
    if (!transaction.pendingTotpEnc) return verifyEnrolledTotp(context, user, code);
    const secret = openPendingSeed(transaction.pendingTotpEnc, transaction.id, realm.id, userId);
    const counter = matchTotp(secret, code, totpSettings(context), now);
    if (counter === null) return { ok: false as const, message: 'The passcode is incorrect.' };
    // The first code's time step is used up at once: it cannot be replayed as the next sign-in's code.
    if (!(await saveTotpEnrollment(realm.id, userId, secret, counter, now))) {
      return { ok: false as const, message: 'An authenticator was set up for your account meanwhile. Choose the method again.' };
    }
    return { ok: true as const };
  });
  if (!check.ok) {
    await guess.settle('wrong');
    return wrongCode(context, transaction, check.message);
  }
  return advance(transaction, user, guess, { pendingTotpEnc: null });
}

/** For /metrics: a code that passed, or a wrong one (not an expired code or a throttled try). */
function secondFactorOutcome(result: StepResult): 'success' | 'failure' | null {
  if (result.kind === 'complete' || (result.kind === 'current' && !result.status)) return 'success';
  return result.kind === 'current' && result.status === 401 ? 'failure' : null;
}

/** POST of the second-factor step: `action` is choose, resend, switch or verify. */
export async function runSecondFactor(
  context: StepContext,
  transaction: SignInTransaction,
  user: ActiveUser,
  field: (name: string) => string,
): Promise<StepResult> {
  switch (field('action')) {
    case 'choose':
      return choose(context, transaction, user, field('method'));
    case 'resend':
      return resend(context, transaction, user);
    case 'switch': {
      const change = { method: null, codeHash: null, pendingTotpEnc: null };
      if (!(await updateTransaction(transaction, change))) return { kind: 'stale' };
      return current({ ...transaction, ...change, version: transaction.version + 1 });
    }
    case 'verify': {
      const code = field('code').replace(/\s/g, '');
      if (!code) return current(transaction, { status: 400, error: 'Enter the passcode.' });
      // The method must still be one the realm enables and the user can receive (an admin may have changed either).
      const offered = await methodsOf(context, transaction, user);
      if (!offered.some((method) => method.key === transaction.method)) {
        return current(transaction, { status: 400, error: 'Choose a method first.' });
      }
      const method = transaction.method;
      const result = await (method === 'totp' ? verifyTotp : verifyEmail)(context, transaction, user, code);
      const outcome = secondFactorOutcome(result);
      if (outcome) countSecondFactor(context.realm.slug, method ?? 'none', outcome);
      return result;
    }
    default:
      return current(transaction, { status: 400, error: 'This request was not understood. Please try again.' });
  }
}
