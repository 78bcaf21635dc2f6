'use server';

import { revalidatePath } from 'next/cache';

import { saveTabFromForm } from '@/lib/realm/save-tab';
import { sendTestEmail } from '@/lib/realm/test-email';

export async function saveOverview(realmId: string, version: number, values: unknown) {
  const result = await saveTabFromForm('overview', realmId, version, values);
  if (result.ok) revalidatePath('/realms', 'layout');
  return result;
}

export async function sendTestEmailAction(realmId: string, input: unknown) {
  return sendTestEmail(realmId, input);
}
