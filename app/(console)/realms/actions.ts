'use server';

import { revalidated } from '@/app/(console)/revalidated';
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
