import 'server-only';

import type { z } from 'zod';

import { type Admin, requireAdmin } from '@/lib/auth/admin';
import { ForbiddenError } from '@/lib/errors';
import { type FormFailure, type FormResult, toFieldErrors, toFormFailure } from '@/lib/form-result';
import { RECORD_ID } from '@/lib/realm/schemas/fields';

/**
 * The admin allowed to run a server action, or the refusal as a form result (an auditor asking for a change).
 * Without a session, requireAdmin redirects to /login.
 */
export async function authorizeAction(role: 'administrator' | undefined = 'administrator'): Promise<Admin | FormFailure> {
  try {
    return await requireAdmin(role);
  } catch (error) {
    if (error instanceof ForbiddenError) return { ok: false, formError: error.message };
    throw error;
  }
}

export const isRefusal = (value: Admin | FormFailure): value is FormFailure => 'ok' in value;

/**
 * The body of a console server action that is not a versioned tab save: admin check (administrators only,
 * unless `role` is undefined), schema parse (the browser is never trusted), the lib call, and errors as a
 * form result. `version` is 0: nothing to compare.
 */
export async function runFormAction<S extends z.ZodType, R>(
  name: string,
  schema: S,
  input: unknown,
  work: (values: z.infer<S>, admin: Admin) => Promise<R>,
  role: 'administrator' | undefined = 'administrator',
): Promise<FormResult<R>> {
  const admin = await authorizeAction(role);
  if (isRefusal(admin)) return admin;
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: toFieldErrors(parsed.error) };
  try {
    return { ok: true, values: await work(parsed.data, admin), version: 0 };
  } catch (error) {
    return toFormFailure(error, name);
  }
}

/** An id as server actions receive it: anything may arrive, only a record id's characters make an id. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && RECORD_ID.test(value);
}
