'use server';

import { revalidated } from '@/app/(console)/revalidated';
import {
  deleteCertificateFromForm,
  generateCertificateFromForm,
  importPemFromForm,
  importPfxFromForm,
  makeDefaultCertificateFromForm,
} from '@/lib/certificates/actions';

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
