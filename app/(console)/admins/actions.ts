'use server';

import { createAdminFromForm, resetAdminPasswordFromForm, setAdminDisabledFromForm } from '@/lib/auth/actions';

import { revalidated } from '../revalidated';

export async function createAdminAction(input: unknown) {
  return revalidated(await createAdminFromForm(input));
}

export async function setAdminDisabledAction(adminId: string, input: unknown) {
  return revalidated(await setAdminDisabledFromForm(adminId, input));
}

export async function resetAdminPasswordAction(adminId: string, input: unknown) {
  return revalidated(await resetAdminPasswordFromForm(adminId, input));
}
