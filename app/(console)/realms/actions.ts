'use server';

import { revalidatePath } from 'next/cache';

import { revalidated } from '@/app/(console)/revalidated';
import { importRealmsFromFile } from '@/lib/realm/import-action';
import { createRealmFromForm, deleteRealmFromForm, duplicateRealmFromForm, renameRealmFromForm } from '@/lib/realm/list-actions';

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

export async function importRealmsAction(text: unknown) {
  const result = await importRealmsFromFile(text);
  if (result.ok) revalidatePath('/', 'layout'); // new and changed realms show everywhere
  return result;
}
