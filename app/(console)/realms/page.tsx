import type { Metadata } from 'next';
import { headers } from 'next/headers';

import { requireAdmin } from '@/lib/auth/admin';
import { publicOrigin } from '@/lib/http/origin';
import type { SearchParams } from '@/lib/http/search-params';
import { listRealmPage } from '@/lib/realm/realm-list-query';
import { loadRealmTemplates } from '@/lib/realm/templates';
import { RealmList } from '@/components/realm/realm-list';

import { createRealmAction, deleteRealmAction, duplicateRealmAction, importRealmsAction, renameRealmAction } from './actions';

export const metadata: Metadata = { title: 'Realms' };

export default async function RealmsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdmin();
  const page = await listRealmPage(await searchParams);
  const actions = {
    create: createRealmAction,
    rename: renameRealmAction,
    duplicate: duplicateRealmAction,
    delete: deleteRealmAction,
    import: importRealmsAction,
  };
  return <RealmList page={page} origin={publicOrigin(await headers())} actions={actions} templates={loadRealmTemplates()} />;
}
