import { AppError } from '@/lib/errors';

export const DIRECTORY_UNAVAILABLE = 'The directory is unavailable, so you cannot sign in right now. Please try again in a few minutes.';

/**
 * The realm's directory could not be asked (unreachable, timed out, TLS refused, service account refused):
 * a problem of the installation, never of the user. It is not a failed sign-in, so it never counts towards
 * Account Lockout. End users see DIRECTORY_UNAVAILABLE; the log gets `reason`.
 */
export class DirectoryUnavailableError extends AppError {
  constructor(reason: string) {
    super(DIRECTORY_UNAVAILABLE, reason, 503);
  }
}
