'use client';

import { useState } from 'react';

import Form from 'next/form';
import Link from 'next/link';
import { useRouter } from 'next/navigation';

import type { DirectoryUserSummary } from '@/lib/directory/repository';
import type { DirectoryActions } from '@/lib/directory/user-actions';
import { USER_LIST_LIMIT } from '@/lib/directory/schemas';
import { ListTable } from '@/components/ui/list-table';
import { Button, buttonClass } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { EditorOnly } from '@/components/console/role';

import { AddUserDialog, DeleteUserDialog } from './user-dialogs';

type OpenDialog = { kind: 'add' } | { kind: 'delete'; user: DirectoryUserSummary } | null;
type Status = { kind: 'ok' | 'error'; message: string } | null;

const fullName = (user: DirectoryUserSummary) => [user.firstName, user.lastName].filter(Boolean).join(' ');

/** The Local Directory's users: filter by username, add, edit, disable or enable, delete. */
export function UserList({
  users,
  filter,
  truncated,
  actions,
}: {
  users: DirectoryUserSummary[];
  filter: string;
  truncated: boolean;
  actions: DirectoryActions;
}) {
  const router = useRouter();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [status, setStatus] = useState<Status>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  async function toggle(user: DirectoryUserSummary) {
    setBusyId(user.id);
    const result = await actions.setDisabled(user.id, { disabled: !user.disabled });
    setBusyId(null);
    setStatus(
      result.ok
        ? { kind: 'ok', message: `${user.username} ${result.values.disabled ? 'disabled' : 'enabled'}.` }
        : { kind: 'error', message: result.formError ?? 'Not changed.' },
    );
  }

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <h1 className="mr-auto text-2xl font-semibold tracking-tight">Directory</h1>
        {/* A GET form: the filter lives in the URL (?q=), so it survives reloads and works without script. */}
        <Form action="/directory" className="flex items-end gap-2">
          <div className="grid content-start gap-1">
            <label htmlFor="user-filter" className="text-sm font-medium text-slate-700">
              Filter by username
            </label>
            <input
              id="user-filter"
              name="q"
              type="search"
              defaultValue={filter}
              autoComplete="off"
              spellCheck={false}
              className={`${inputClass} w-56`}
            />
          </div>
          <button type="submit" className={buttonClass('secondary')}>
            Filter
          </button>
        </Form>
        <EditorOnly>
          <Button variant="primary" onClick={() => setDialog({ kind: 'add' })}>
            Add user
          </Button>
        </EditorOnly>
      </div>
      <p role="status" className={`text-sm ${status?.kind === 'error' ? 'text-red-700' : 'text-emerald-700'}`}>
        {status?.message}
      </p>
      <ListTable columns={['Username', 'Name', 'Email 1', 'Email 2', 'Status']}>
        {users.map((user) => (
          <tr key={user.id} className="border-t border-slate-100">
            <th scope="row" className="px-4 py-2 text-left font-medium">
              <Link href={`/directory/${user.id}`} className="text-brand-700 hover:underline">
                {user.username}
              </Link>
            </th>
            <td className="px-4 py-2">{fullName(user)}</td>
            <td className="px-4 py-2">{user.email1}</td>
            <td className="px-4 py-2">{user.email2}</td>
            <td className="px-4 py-2">{user.disabled ? <span className="text-amber-700">Disabled</span> : 'Enabled'}</td>
            <td className="px-4 py-2">
              <div className="flex justify-end gap-1">
                <Link href={`/directory/${user.id}`} aria-label={`Edit ${user.username}`} className={buttonClass('ghost')}>
                  Edit
                </Link>
                <EditorOnly>
                  <Button
                    variant="ghost"
                    aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.username}`}
                    disabled={busyId === user.id}
                    onClick={() => void toggle(user)}
                  >
                    {user.disabled ? 'Enable' : 'Disable'}
                  </Button>
                  <Button variant="ghost" aria-label={`Delete ${user.username}`} onClick={() => setDialog({ kind: 'delete', user })}>
                    Delete
                  </Button>
                </EditorOnly>
              </div>
            </td>
          </tr>
        ))}
        {users.length === 0 && (
          <tr>
            <td colSpan={6} className="px-4 py-6 text-center text-slate-500">
              {filter ? 'No user matches this filter.' : 'No users yet. Add one to get started.'}
            </td>
          </tr>
        )}
      </ListTable>
      {truncated && <p className="text-sm text-slate-600">Showing the first {USER_LIST_LIMIT} users. Filter by username to find others.</p>}
      {dialog?.kind === 'add' && (
        <AddUserDialog create={actions.create} onClose={() => setDialog(null)} onCreated={(user) => router.push(`/directory/${user.id}`)} />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteUserDialog
          remove={actions.delete}
          user={dialog.user}
          onClose={() => setDialog(null)}
          onDeleted={() => {
            setDialog(null);
            setStatus({ kind: 'ok', message: `${dialog.user.username} deleted.` });
          }}
        />
      )}
    </div>
  );
}
