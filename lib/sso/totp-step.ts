import 'server-only';

import type { ActiveUser } from '@/lib/directory';
import { formatSecret, matchTotp, renderQrSvg, totpUri } from '@/lib/mfa/totp';
import { acceptTotpCounter, loadTotpSeed } from '@/lib/mfa/totp-store';

import type { StepView } from './step-pages';
import type { StepContext } from './step-result';

/** TOTP at sign-in: the enrolment page and the check of an enrolled authenticator's code (single use). */

export const totpSettings = (context: StepContext) => ({
  digits: context.realm.mfa.totpLength,
  period: context.realm.mfa.totpTimeStep,
  drift: context.realm.mfa.totpDrift,
});

/** The enrolment page: the QR code and the key, with the realm's issuer (Issuer, or the Page Header). */
export async function enrolView(context: StepContext, user: ActiveUser, secret: string): Promise<StepView> {
  const settings = totpSettings(context);
  const issuer = context.realm.mfa.totpIssuer || context.realm.pageHeader;
  const account = user.profile.username;
  return {
    page: 'enrol',
    secret: formatSecret(secret),
    qrSvg: await renderQrSvg(totpUri(secret, settings, issuer, account)),
    issuer,
    account,
    digits: settings.digits,
    period: settings.period,
  };
}

export type TotpCheck = { ok: true } | { ok: false; message: string };

/** A code of the user's authenticator: right, within Allowed Drift, and of a time step not used before. */
export async function verifyEnrolledTotp(context: StepContext, user: ActiveUser, code: string): Promise<TotpCheck> {
  const seed = await loadTotpSeed(context.realm.id, user.profile.userId);
  if (!seed) return { ok: false, message: 'Your authenticator was reset by an administrator. Choose another method.' };
  const counter = matchTotp(seed.secret, code, totpSettings(context), context.now);
  if (counter === null) return { ok: false, message: 'The passcode is incorrect.' };
  if (!(await acceptTotpCounter(context.realm.id, user.profile.userId, counter))) {
    return { ok: false, message: 'This passcode was used already. Wait for the next one in your app.' };
  }
  return { ok: true };
}
