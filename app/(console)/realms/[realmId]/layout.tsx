import type { ReactNode } from 'react';

import { headers } from 'next/headers';
import { notFound } from 'next/navigation';

import { requireAdmin } from '@/lib/auth/admin';
import { publicOrigin, ssoUrl } from '@/lib/http/origin';
import { loadRealmSummary } from '@/lib/realm/realm-list-repository';
import { RealmTabs } from '@/components/realm/realm-tabs';
import { UnsavedTabProvider } from '@/components/realm/unsaved-tab';

export default async function RealmLayout({ params, children }: { params: Promise<{ realmId: string }>; children: ReactNode }) {
  await requireAdmin();
  const { realmId } = await params;
  const realm = await loadRealmSummary(realmId);
  if (!realm) return notFound();
  const url = ssoUrl(publicOrigin(await headers()), realm.slug);
  return (
    <UnsavedTabProvider>
      <div className="mb-4">
        <h1 className="text-2xl font-semibold tracking-tight">{realm.name}</h1>
        <p className="mt-1 text-sm text-slate-600">
          Realm URL: <code className="rounded bg-slate-100 px-1">{url}</code>
        </p>
      </div>
      <RealmTabs realmId={realm.id} />
      <div className="mt-6">{children}</div>
    </UnsavedTabProvider>
  );
}
