import type { Metadata } from 'next';

import { requireAdmin } from '@/lib/auth/admin';
import { ChangePassword } from '@/components/admins/change-password';

import { changeOwnPasswordAction } from './actions';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  const admin = await requireAdmin();
  return (
    <div className="grid max-w-xl gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">Your account</h1>
      <p className="text-sm text-slate-700">
        Signed in as <strong>{admin.username}</strong> ({admin.role}). Sessions end after 30 minutes without activity, and after 12 hours in
        any case.
      </p>
      <ChangePassword changePassword={changeOwnPasswordAction} />
    </div>
  );
}
