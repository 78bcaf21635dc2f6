import 'server-only';

import { authorizeAction, isId, isRefusal } from '@/lib/form-action';
import { type FormResult, toFieldErrors, toFormFailure } from '@/lib/form-result';
import { type TabValues, saveTab } from '@/lib/realm/repository';
import { TAB_SCHEMAS } from '@/lib/realm/schemas';
import type { RealmTab } from '@/lib/realm/tabs';

/**
 * The body of every tab's server action: the browser is never trusted, so the input is parsed with the tab's
 * schema again, then saved with the version the form loaded, as a change by the signed-in administrator.
 */
export async function saveTabFromForm<T extends RealmTab>(
  tab: T,
  realmId: unknown,
  version: unknown,
  values: unknown,
): Promise<FormResult<TabValues[T]>> {
  const admin = await authorizeAction();
  if (isRefusal(admin)) return admin;
  if (!isId(realmId) || typeof version !== 'number' || !Number.isInteger(version)) {
    return { ok: false, formError: 'The form arrived incomplete. Reload the page and try again.' };
  }
  const parsed = TAB_SCHEMAS[tab].safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: toFieldErrors(parsed.error) };
  try {
    return { ok: true, ...(await saveTab(admin, realmId, tab, parsed.data as TabValues[T], version)) };
  } catch (error) {
    return toFormFailure(error, `save realm tab ${tab}`);
  }
}
