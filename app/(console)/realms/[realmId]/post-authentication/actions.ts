'use server';

import { revalidatePath } from 'next/cache';

import { switchCertificateNowFromForm } from '@/lib/realm/certificate-switch';
import { saveTabFromForm } from '@/lib/realm/save-tab';
import { readSpMetadataFields } from '@/lib/realm/sp-metadata-import';

export async function savePostAuthentication(realmId: string, version: number, values: unknown) {
  const result = await saveTabFromForm('post-authentication', realmId, version, values);
  if (result.ok) revalidatePath('/realms', 'layout');
  return result;
}

/** "SP metadata": the form's SP fields from an SP's metadata (pasted, uploaded or fetched); nothing is saved. */
export async function importSpMetadataAction(input: unknown) {
  return readSpMetadataFields(input);
}

export async function switchCertificateNowAction(input: unknown) {
  const result = await switchCertificateNowFromForm(input);
  if (result.ok) revalidatePath('/realms', 'layout');
  return result;
}
