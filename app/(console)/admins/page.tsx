import type { Metadata } from 'next';

import { requireAdmin } from '@/lib/auth/admin';
import { listAdmins } from '@/lib/auth/admins';
import { AdminList } from '@/components/admins/admin-list';

import { createAdminAction, resetAdminPasswordAction, setAdminDisabledAction } from './actions';

export const metadata: Metadata = { title: 'Admins' };

const ACTIONS = { create: createAdminAction, setDisabled: setAdminDisabledAction, resetPassword: resetAdminPasswordAction };

export default async function AdminsPage() {
  const admin = await requireAdmin();
  return <AdminList admins={await listAdmins()} selfId={admin.id} actions={ACTIONS} />;
}
