import { z } from 'zod';

/**
 * An SP's AuthnRequest once accepted (lib/sso/sp-request.ts): what the answer needs, kept with the sign-in in the
 * database (SignInTransaction.spRequest, as JSON) so that any instance can answer it after any workflow.
 */
export const spRequestSchema = z.object({
  /** The request's ID: the answer's InResponseTo. */
  id: z.string().min(1).max(256),
  /** Where the answer goes: the Consumer URL or an allowed ACS URL the request named. */
  acs: z.string().min(1).max(2048),
  /** The SP's RelayState, given back unchanged; absent when the SP sent none. */
  relayState: z.string().max(80).optional(),
  forceAuthn: z.boolean(),
  isPassive: z.boolean(),
});

export type SpRequest = z.infer<typeof spRequestSchema>;

export const encodeSpRequest = (request: SpRequest | null) => (request ? JSON.stringify(request) : null);

/** The stored request, or null: none, or a value this build cannot read (never trust a row blindly). */
export function decodeSpRequest(text: string | null): SpRequest | null {
  if (text === null) return null;
  try {
    const parsed = spRequestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
