import 'server-only';

import type { z } from 'zod';

import { requireAdmin } from '@/lib/auth/admin';
import { type FormResult, toFieldErrors, toFormFailure } from '@/lib/form-result';
import { RECORD_ID } from '@/lib/realm/schemas/fields';

/**
 * The body of a console server action that is not a versioned tab save: admin check, schema parse (the
 * browser is never trusted), the lib call, and errors as a form result. `version` is 0: nothing to compare.
 */
export async function runFormAction<S extends z.ZodType, R>(
  name: string,
  schema: S,
  input: unknown,
  work: (values: z.infer<S>) => Promise<R>,
): Promise<FormResult<R>> {
  await requireAdmin();
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: toFieldErrors(parsed.error) };
  try {
    return { ok: true, values: await work(parsed.data), version: 0 };
  } catch (error) {
    return toFormFailure(error, name);
  }
}

/** An id as server actions receive it: anything may arrive, only a record id's characters make an id. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && RECORD_ID.test(value);
}
