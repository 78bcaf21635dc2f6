'use server';

import { revalidatePath } from 'next/cache';

import { saveTabFromForm } from '@/lib/realm/save-tab';
import { testConnection } from '@/lib/realm/test-connection';

export async function saveData(realmId: string, version: number, values: unknown) {
  const result = await saveTabFromForm('data', realmId, version, values);
  if (result.ok) revalidatePath('/realms', 'layout');
  return result;
}

export async function testConnectionAction(realmId: string, input: unknown) {
  return testConnection(realmId, input);
}
