'use server';

import { revalidatePath } from 'next/cache';

import { switchCertificateNowFromForm } from '@/lib/realm/certificate-switch';
import { saveTabFromForm } from '@/lib/realm/save-tab';

export async function savePostAuthentication(realmId: string, version: number, values: unknown) {
  const result = await saveTabFromForm('post-authentication', realmId, version, values);
  if (result.ok) revalidatePath('/realms', 'layout');
  return result;
}

export async function switchCertificateNowAction(input: unknown) {
  const result = await switchCertificateNowFromForm(input);
  if (result.ok) revalidatePath('/realms', 'layout');
  return result;
}
