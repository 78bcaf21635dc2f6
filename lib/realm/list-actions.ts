import 'server-only';

import { type FormResult } from '@/lib/form-result';
import { isId, runFormAction } from '@/lib/form-action';
import type { ImportRealmsAction } from '@/lib/realm/import-action';
import { type RealmSummary, deleteRealm, duplicateRealm, renameRealm } from '@/lib/realm/realm-list-repository';
import { REALM_NOT_FOUND } from '@/lib/realm/rows';
import { deleteRealmSchema, realmNameFormSchema } from '@/lib/realm/schemas/realm';
import { createRealmFormSchema } from '@/lib/realm/template-schema';
import { createRealmFromTemplate, loadRealmTemplates } from '@/lib/realm/templates';

const unknownRealm = { ok: false, formError: REALM_NOT_FOUND } as const;

/** The realms list's server actions, as the page hands them to its client components. */
export type RealmListActions = {
  create: (input: unknown) => Promise<FormResult<RealmSummary>>;
  rename: (realmId: string, input: unknown) => Promise<FormResult<RealmSummary>>;
  duplicate: (realmId: string, input: unknown) => Promise<FormResult<RealmSummary>>;
  delete: (realmId: string, input: unknown) => Promise<FormResult<null>>;
  import: ImportRealmsAction;
};

export function createRealmFromForm(input: unknown): Promise<FormResult<RealmSummary>> {
  const templates = loadRealmTemplates();
  return runFormAction('create realm', createRealmFormSchema(templates), input, (values, admin) =>
    createRealmFromTemplate(admin, values, templates),
  );
}

export async function renameRealmFromForm(realmId: unknown, input: unknown): Promise<FormResult<RealmSummary>> {
  if (!isId(realmId)) return unknownRealm;
  return runFormAction('rename realm', realmNameFormSchema, input, ({ name }, admin) => renameRealm(admin, realmId, name));
}

export async function duplicateRealmFromForm(realmId: unknown, input: unknown): Promise<FormResult<RealmSummary>> {
  if (!isId(realmId)) return unknownRealm;
  return runFormAction('duplicate realm', realmNameFormSchema, input, ({ name }, admin) => duplicateRealm(admin, realmId, name));
}

export async function deleteRealmFromForm(realmId: unknown, input: unknown): Promise<FormResult<null>> {
  if (!isId(realmId)) return unknownRealm;
  return runFormAction('delete realm', deleteRealmSchema, input, async ({ confirmName }, admin) => {
    await deleteRealm(admin, realmId, confirmName);
    return null;
  });
}
