import 'server-only';

import { requireAdmin } from '@/lib/auth/admin';
import { NotFoundError } from '@/lib/errors';
import { type LoadedTab, loadRealmSummary, loadTab } from '@/lib/realm/repository';
import type { RealmTab } from '@/lib/realm/tabs';

/** What a tab page needs: the realm's identity and the tab's saved values; null for an unknown realm. */
export async function loadTabPage<T extends RealmTab>(
  realmId: string,
  tab: T,
): Promise<(LoadedTab<T> & { realm: { id: string; slug: string; name: string } }) | null> {
  await requireAdmin();
  const realm = await loadRealmSummary(realmId);
  if (!realm) return null;
  try {
    return { ...(await loadTab(realmId, tab)), realm: { id: realm.id, slug: realm.slug, name: realm.name } };
  } catch (error) {
    if (error instanceof NotFoundError) return null; // deleted between the two reads
    throw error;
  }
}
