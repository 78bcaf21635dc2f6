'use server';

import { revalidatePath } from 'next/cache';

import {
  deleteCertificateFromForm,
  generateCertificateFromForm,
  importPemFromForm,
  importPfxFromForm,
  makeDefaultCertificateFromForm,
} from '@/lib/certificates/actions';
import type { FormResult } from '@/lib/form-result';

// Realms show their certificate on Post Authentication: refresh every console page after a change.
function revalidated<T>(result: FormResult<T>): FormResult<T> {
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}

export async function generateCertificateAction(input: unknown) {
  return revalidated(await generateCertificateFromForm(input));
}

export async function importPemAction(input: unknown) {
  return revalidated(await importPemFromForm(input));
}

export async function importPfxAction(input: unknown) {
  return revalidated(await importPfxFromForm(input));
}

export async function deleteCertificateAction(input: unknown) {
  return revalidated(await deleteCertificateFromForm(input));
}

export async function makeDefaultCertificateAction(input: unknown) {
  return revalidated(await makeDefaultCertificateFromForm(input));
}
