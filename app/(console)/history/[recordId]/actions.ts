'use server';

import { revalidatePath } from 'next/cache';

import { restoreFromForm } from '@/lib/history/restore';

export async function restoreRecordAction(recordId: number, version: number | null) {
  const result = await restoreFromForm(recordId, version);
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}
