import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';

import { loadUserPage } from '@/lib/directory/user-pages';
import { UserForm } from '@/components/directory/user-form';
import { UserSignInsPanel } from '@/components/directory/user-sign-ins';

import { endUserSessionAction, resetUserTotpAction, saveUserAction } from '../actions';

export const metadata: Metadata = { title: 'Directory user' };

export default async function DirectoryUserPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  const page = await loadUserPage(userId);
  if (!page) return notFound();
  return (
    <>
      <div className="mb-4">
        <Link href="/directory" className="text-sm text-brand-700 hover:underline">
          ← Directory
        </Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{page.values.username}</h1>
        <p className="mt-1 text-sm text-slate-600">
          A user of the Realmgate Local Directory, shared by every realm whose Data tab selects it.
        </p>
      </div>
      <UserForm userId={page.id} values={page.values} version={page.version} save={saveUserAction} />
      <UserSignInsPanel
        userId={page.id}
        signIns={page.signIns}
        actions={{ endSession: endUserSessionAction, resetTotp: resetUserTotpAction }}
      />
    </>
  );
}
