import 'server-only';

import type { z } from 'zod';

import { requireAdmin } from '@/lib/auth/admin';
import { type FormResult, toFieldErrors, toFormFailure } from '@/lib/form-result';
import { type RealmSummary, createRealm, deleteRealm, duplicateRealm, renameRealm } from '@/lib/realm/repository';
import { deleteRealmSchema, realmNameFormSchema } from '@/lib/realm/schemas/realm';

/** Admin check, schema parse, the repository call, and errors as a form result: the realms list's actions. */
async function run<S extends z.ZodType, R>(
  name: string,
  schema: S,
  input: unknown,
  work: (values: z.infer<S>) => Promise<R>,
): Promise<FormResult<R>> {
  await requireAdmin();
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: toFieldErrors(parsed.error) };
  try {
    const values = await work(parsed.data);
    return { ok: true, values, version: 0 };
  } catch (error) {
    return toFormFailure(error, name);
  }
}

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const unknownRealm = { ok: false, formError: 'This realm does not exist (any more).' } as const;

export function createRealmFromForm(input: unknown): Promise<FormResult<RealmSummary>> {
  return run('create realm', realmNameFormSchema, input, ({ name }) => createRealm(name));
}

export async function renameRealmFromForm(realmId: unknown, input: unknown): Promise<FormResult<RealmSummary>> {
  if (!isId(realmId)) return unknownRealm;
  return run('rename realm', realmNameFormSchema, input, ({ name }) => renameRealm(realmId, name));
}

export async function duplicateRealmFromForm(realmId: unknown, input: unknown): Promise<FormResult<RealmSummary>> {
  if (!isId(realmId)) return unknownRealm;
  return run('duplicate realm', realmNameFormSchema, input, ({ name }) => duplicateRealm(realmId, name));
}

export async function deleteRealmFromForm(realmId: unknown, input: unknown): Promise<FormResult<null>> {
  if (!isId(realmId)) return unknownRealm;
  return run('delete realm', deleteRealmSchema, input, async ({ confirmName }) => {
    await deleteRealm(realmId, confirmName);
    return null;
  });
}
