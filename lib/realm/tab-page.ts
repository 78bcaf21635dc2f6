import 'server-only';

import { requireAdmin } from '@/lib/auth/admin';
import { NotFoundError } from '@/lib/errors';
import { type LoadedTab, loadTab } from '@/lib/realm/repository';
import type { RealmTab } from '@/lib/realm/tabs';

/** What a tab page needs: the tab's saved values, its version and the realm's identity; null for an unknown realm. */
export async function loadTabPage<T extends RealmTab>(realmId: string, tab: T): Promise<LoadedTab<T> | null> {
  await requireAdmin();
  try {
    return await loadTab(realmId, tab);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}
