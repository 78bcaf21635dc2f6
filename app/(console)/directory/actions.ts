'use server';

import { revalidated } from '@/app/(console)/revalidated';
import { createUserFromForm, deleteUserFromForm, saveUserFromForm, setUserDisabledFromForm } from '@/lib/directory/user-actions';
import { endUserSessionFromForm, resetUserTotpFromForm } from '@/lib/sso/user-sign-in-actions';

export async function createUserAction(input: unknown) {
  return revalidated(await createUserFromForm(input));
}

export async function saveUserAction(userId: string, version: number, values: unknown) {
  return revalidated(await saveUserFromForm(userId, version, values));
}

export async function setUserDisabledAction(userId: string, input: unknown) {
  return revalidated(await setUserDisabledFromForm(userId, input));
}

export async function deleteUserAction(userId: string, input: unknown) {
  return revalidated(await deleteUserFromForm(userId, input));
}

export async function endUserSessionAction(userId: string, input: unknown) {
  return revalidated(await endUserSessionFromForm(userId, input));
}

export async function resetUserTotpAction(userId: string, input: unknown) {
  return revalidated(await resetUserTotpFromForm(userId, input));
}
