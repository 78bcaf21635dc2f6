import { randomBytes } from 'node:crypto';

import { AppError } from '@/lib/errors';
import { currentRequestId } from '@/lib/request-context';

/**
 * Logs an unexpected error as one JSON line and returns a short reference that the user sees and the admin
 * can search for: the request's id when there is one (lib/request-context.ts), so the request's own log line has it too. Only the error's own text and stack are logged, never request data (secrets stay out).
 * `secrets` the caller used are cut out of the line: a remote server's answer may quote them back.
 */
export function logError(context: string, error: unknown, secrets: (string | null)[] = []): string {
  const reference = currentRequestId() ?? randomBytes(4).toString('hex').toUpperCase();
  const detail =
    error instanceof Error
      ? { name: error.name, message: error.message, reason: error instanceof AppError ? error.reason : undefined, stack: error.stack }
      : { message: String(error) };
  let line = JSON.stringify({ level: 'error', time: new Date().toISOString(), reference, context, ...detail });
  for (const secret of secrets) if (secret) line = line.replaceAll(JSON.stringify(secret).slice(1, -1), '[secret]');
  console.error(line);
  return reference;
}
