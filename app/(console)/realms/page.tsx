import type { Metadata } from 'next';
import { headers } from 'next/headers';

import { requireAdmin } from '@/lib/auth/admin';
import { publicOrigin } from '@/lib/http/origin';
import { listRealms } from '@/lib/realm/realm-list-repository';
import { RealmList } from '@/components/realm/realm-list';

import { createRealmAction, deleteRealmAction, duplicateRealmAction, importRealmsAction, renameRealmAction } from './actions';

export const metadata: Metadata = { title: 'Realms' };

export default async function RealmsPage() {
  await requireAdmin();
  const realms = await listRealms();
  const actions = {
    create: createRealmAction,
    rename: renameRealmAction,
    duplicate: duplicateRealmAction,
    delete: deleteRealmAction,
    import: importRealmsAction,
  };
  return <RealmList realms={realms} origin={publicOrigin(await headers())} actions={actions} />;
}
