'use server';

import { revalidatePath } from 'next/cache';

import type { FormResult } from '@/lib/form-result';
import { createRealmFromForm, deleteRealmFromForm, duplicateRealmFromForm, renameRealmFromForm } from '@/lib/realm/list-actions';

function revalidated<T>(result: FormResult<T>): FormResult<T> {
  if (result.ok) revalidatePath('/realms', 'layout');
  return result;
}

export async function createRealmAction(input: unknown) {
  return revalidated(await createRealmFromForm(input));
}

export async function renameRealmAction(realmId: string, input: unknown) {
  return revalidated(await renameRealmFromForm(realmId, input));
}

export async function duplicateRealmAction(realmId: string, input: unknown) {
  return revalidated(await duplicateRealmFromForm(realmId, input));
}

export async function deleteRealmAction(realmId: string, input: unknown) {
  return revalidated(await deleteRealmFromForm(realmId, input));
}
