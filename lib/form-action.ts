import 'server-only';

import type { z } from 'zod';

import { type Admin, requireAdmin } from '@/lib/auth/admin';
import { type FormResult, toFieldErrors, toFormFailure } from '@/lib/form-result';

/**
 * The body of a console server action that changes something and is not a versioned tab save: the
 * administrator check, schema parse (the browser is never trusted), the lib call with the admin as the actor
 * of the change, and errors as a form result. `version` is 0: nothing to compare.
 */
export async function runFormAction<S extends z.ZodType, R>(
  name: string,
  schema: S,
  input: unknown,
  work: (values: z.infer<S>, admin: Admin) => Promise<R>,
): Promise<FormResult<R>> {
  const admin = await requireAdmin('administrator');
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: toFieldErrors(parsed.error) };
  try {
    return { ok: true, values: await work(parsed.data, admin), version: 0 };
  } catch (error) {
    return toFormFailure(error, name);
  }
}

/** An id as server actions receive it: anything may arrive, only a non-empty string is an id. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 64;
}
