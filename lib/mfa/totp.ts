import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/**
 * Time-based one-time passcodes (RFC 6238) with the otpauth library: what authenticator apps compute from a
 * shared seed and the clock. Pure functions (the clock is a parameter); the stored enrolments are in
 * ./totp-store.ts. Realms use HMAC-SHA-1, as authenticator apps do; the other RFC algorithms are here for the
 * RFC's test vectors.
 */

export type TotpSettings = {
  /** Passcode Length (6 or 8). */
  digits: number;
  /** Time Step in seconds (30 or 60). */
  period: number;
  /** Allowed Drift: how many time steps before or after now a code may belong to. */
  drift: number;
  algorithm?: 'SHA1' | 'SHA256' | 'SHA512';
};

/** A new random seed of 160 bits (RFC 4226 §4 recommends 160), as base32 for the authenticator app. */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The code for the time step containing `now` (ms). */
export function generateTotp(secret: Secret, settings: TotpSettings, now: number): string {
  return TOTP.generate({
    secret,
    algorithm: settings.algorithm ?? 'SHA1',
    digits: settings.digits,
    period: settings.period,
    timestamp: now,
  });
}

/**
 * The time step (counter) a code belongs to, within Allowed Drift of now, or null for a wrong code. Callers
 * refuse a counter already used (replay): see acceptTotpCounter.
 */
export function matchTotp(secretBase32: string, code: string, settings: TotpSettings, now: number): number | null {
  if (!new RegExp(`^\\d{${settings.digits}}$`).test(code)) return null;
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(secretBase32),
    algorithm: settings.algorithm ?? 'SHA1',
    digits: settings.digits,
    period: settings.period,
    timestamp: now,
    window: settings.drift,
  });
  return delta === null ? null : TOTP.counter({ period: settings.period, timestamp: now }) + delta;
}

/** The otpauth:// URI an authenticator app reads from the QR code (issuer and account name shown in the app). */
export function totpUri(secretBase32: string, settings: TotpSettings, issuer: string, account: string): string {
  return new TOTP({
    issuer,
    label: account,
    secret: Secret.fromBase32(secretBase32),
    algorithm: 'SHA1',
    digits: settings.digits,
    period: settings.period,
  }).toString();
}

/**
 * The QR code of a URI as an inline SVG: the sign-in pages' CSP allows no data: images, and inline SVG needs
 * none. The SVG holds only shapes (the URI is in the geometry, never as text), so it is safe to embed.
 */
export async function renderQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 200 });
}

/** The secret as people type it: groups of four. */
export const formatSecret = (secretBase32: string) => secretBase32.replace(/(.{4})(?=.)/g, '$1 ');
