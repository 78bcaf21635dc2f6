import 'server-only';

import { certificateIdSchema, generateCertificateSchema, importPemSchema, importPfxSchema } from '@/lib/certificates/schemas';
import { type StoredCertificate, deleteCertificate, saveCertificate, setDefaultCertificate } from '@/lib/certificates/store';
import { generateCertificate, importPem, importPfx } from '@/lib/crypto/certificates';
import { runFormAction } from '@/lib/form-action';
import type { FormResult } from '@/lib/form-result';

/** The bodies of the certificate page's server actions: admin check, schema, the store, a form result. */

/** The certificates page's server actions, as the page hands them to its client component. */
export type CertificateActions = {
  generate: (input: unknown) => Promise<FormResult<StoredCertificate>>;
  importPem: (input: unknown) => Promise<FormResult<StoredCertificate>>;
  importPfx: (input: unknown) => Promise<FormResult<StoredCertificate>>;
  delete: (input: unknown) => Promise<FormResult<null>>;
  makeDefault: (input: unknown) => Promise<FormResult<null>>;
};

export function generateCertificateFromForm(input: unknown): Promise<FormResult<StoredCertificate>> {
  return runFormAction('generate certificate', generateCertificateSchema, input, async (values, admin) =>
    saveCertificate(admin, generateCertificate(values), 'generate'),
  );
}

export function importPemFromForm(input: unknown): Promise<FormResult<StoredCertificate>> {
  return runFormAction('import PEM certificate', importPemSchema, input, async (values, admin) =>
    saveCertificate(admin, importPem(values), 'import'),
  );
}

export function importPfxFromForm(input: unknown): Promise<FormResult<StoredCertificate>> {
  return runFormAction('import PFX certificate', importPfxSchema, input, async ({ pfx, password }, admin) =>
    saveCertificate(admin, await importPfx({ pfx: Buffer.from(pfx, 'base64'), password }), 'import'),
  );
}

export function deleteCertificateFromForm(input: unknown): Promise<FormResult<null>> {
  return runFormAction('delete certificate', certificateIdSchema, input, async ({ id }, admin) => {
    await deleteCertificate(admin, id);
    return null;
  });
}

export function makeDefaultCertificateFromForm(input: unknown): Promise<FormResult<null>> {
  return runFormAction('make certificate default', certificateIdSchema, input, async ({ id }, admin) => {
    await setDefaultCertificate(admin, id);
    return null;
  });
}
