import type { z } from 'zod';

import { AppError, ConflictError, ValidationError } from '@/lib/errors';
import { logError } from '@/lib/log';

/** What every console server action returns (STYLE §3). It never throws to the browser. */
export type FormResult<V> =
  { ok: true; values: V; version: number } | { ok: false; fieldErrors?: Record<string, string>; formError?: string; conflict?: true };

export type FormFailure = Extract<FormResult<unknown>, { ok: false }>;

/** Zod issues keyed by form path (`samlAttributes.0.name`); the first message per field wins. */
export function toFieldErrors(error: z.ZodError): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.length ? issue.path.join('.') : 'root.form';
    fieldErrors[path] ??= issue.message;
  }
  return fieldErrors;
}

/** Turns anything a save threw into a result the form can show; unexpected errors are logged, not shown. */
export function toFormFailure(error: unknown, action: string): FormFailure {
  if (error instanceof ValidationError) return { ok: false, fieldErrors: error.fieldErrors };
  if (error instanceof ConflictError) return { ok: false, conflict: true, formError: error.message };
  if (error instanceof AppError) return { ok: false, formError: error.message };
  const reference = logError(action, error);
  return { ok: false, formError: `Saving failed because of an error on the server (reference ${reference}). Your edits are still here.` };
}

/** A realm tab's save, as the page hands it to the tab's form (server action: realm id, loaded version, values). */
export type TabSaveAction<V> = (realmId: string, version: number, values: V) => Promise<FormResult<V>>;
