'use server';

import { revalidatePath } from 'next/cache';

import { saveTabFromForm } from '@/lib/realm/save-tab';

export async function savePostAuthentication(realmId: string, version: number, values: unknown) {
  const result = await saveTabFromForm('post-authentication', realmId, version, values);
  if (result.ok) revalidatePath('/realms', 'layout');
  return result;
}
