'use server';

import { revalidatePath } from 'next/cache';

import { saveTabFromForm } from '@/lib/realm/save-tab';

export async function saveData(realmId: string, version: number, values: unknown) {
  const result = await saveTabFromForm('data', realmId, version, values);
  if (result.ok) revalidatePath('/realms', 'layout');
  return result;
}
