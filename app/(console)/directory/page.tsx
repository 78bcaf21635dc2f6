import type { Metadata } from 'next';

import { loadUserListPage } from '@/lib/directory/user-pages';
import { UserList } from '@/components/directory/user-list';

import { createUserAction, deleteUserAction, setUserDisabledAction } from './actions';

const ACTIONS = { create: createUserAction, setDisabled: setUserDisabledAction, delete: deleteUserAction };

export const metadata: Metadata = { title: 'Directory' };

export default async function DirectoryPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const { q } = await searchParams;
  const page = await loadUserListPage(q);
  return <UserList users={page.users} filter={page.filter} truncated={page.truncated} actions={ACTIONS} />;
}
