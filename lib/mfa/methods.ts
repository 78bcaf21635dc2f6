import type { UserProfile } from '@/lib/directory';
import type { MultiFactorMethodsValues } from '@/lib/realm/schemas/multi-factor-methods';

import { maskEmail } from './email-otp';

/**
 * The second factors a sign-in offers: the methods the Multi-Factor Methods tab enables that this user can
 * receive. Email N needs an address in the user's Email N. TOTP needs an enrolled authenticator, or the right
 * to enrol one, which only a sign-in that has checked the password has (otherwise anyone who knows a username
 * could register their own authenticator for it).
 */

export type MethodKey = 'totp' | 'email1' | 'email2' | 'email3' | 'email4';

export type OfferedMethod =
  | { key: 'totp'; kind: 'totp'; label: string; enrolled: boolean }
  | { key: Exclude<MethodKey, 'totp'>; kind: 'email'; label: string; address: string; masked: string };

export type MfaSettings = Pick<
  MultiFactorMethodsValues,
  | 'emailFields'
  | 'totpEnabled'
  | 'totpLength'
  | 'totpTimeStep'
  | 'totpDrift'
  | 'totpIssuer'
  | 'otpLength'
  | 'otpLifetimeMinutes'
  | 'otpMaxAttempts'
>;

const EMAIL_KEYS = ['email1', 'email2', 'email3', 'email4'] as const;

export const isMethodKey = (value: unknown): value is MethodKey =>
  value === 'totp' || (typeof value === 'string' && (EMAIL_KEYS as readonly string[]).includes(value));

export function offeredMethods(
  settings: MfaSettings,
  profile: UserProfile,
  totp: { enrolled: boolean; mayEnrol: boolean },
): OfferedMethod[] {
  const methods: OfferedMethod[] = [];
  if (settings.totpEnabled && (totp.enrolled || totp.mayEnrol)) {
    methods.push({
      key: 'totp',
      kind: 'totp',
      label: totp.enrolled ? 'Authenticator app (time-based passcode)' : 'Set up an authenticator app (time-based passcode)',
      enrolled: totp.enrolled,
    });
  }
  EMAIL_KEYS.forEach((key, i) => {
    const address = profile.properties[key]?.trim() ?? '';
    if (settings.emailFields[i] === 'enabled' && address.includes('@')) {
      const masked = maskEmail(address);
      methods.push({ key, kind: 'email', label: `Email a passcode to ${masked}`, address, masked });
    }
  });
  return methods;
}
