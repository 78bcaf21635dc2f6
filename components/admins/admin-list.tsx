'use client';

import { useState } from 'react';

import type { AdminActions } from '@/lib/auth/actions';
import type { AdminSummary } from '@/lib/auth/admins';
import {
  ADMIN_ROLE_OPTIONS,
  type NewAdminValues,
  type ResetAdminPasswordValues,
  newAdminSchema,
  resetAdminPasswordSchema,
} from '@/lib/auth/schemas';
import { PASSWORD_MIN } from '@/lib/directory/schemas';
import { formatDay } from '@/lib/format';
import { optionLabel } from '@/lib/realm/options';
import { Button } from '@/components/ui/button';
import { FormDialog } from '@/components/ui/form-dialog';
import { ListTable } from '@/components/ui/list-table';
import { EditorOnly } from '@/components/console/role';
import { SelectInput, TextInput } from '@/components/realm/form-fields';

type OpenDialog = { kind: 'add' } | { kind: 'reset'; admin: AdminSummary } | null;
type Status = { kind: 'ok' | 'error'; message: string } | null;

const PASSWORD_HINT = `At least ${PASSWORD_MIN} characters`;

/** The console's admins: add, disable or enable, reset a password (administrators only). */
export function AdminList({ admins, selfId, actions }: { admins: AdminSummary[]; selfId: string; actions: AdminActions }) {
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [status, setStatus] = useState<Status>(null);
  const done = (message: string) => () => {
    setDialog(null);
    setStatus({ kind: 'ok', message });
  };

  async function toggle(admin: AdminSummary) {
    const result = await actions.setDisabled(admin.id, { disabled: !admin.disabled });
    const message = result.ok
      ? `${admin.username} ${result.values.disabled ? 'disabled: their sessions have ended' : 'enabled'}.`
      : (Object.values(result.fieldErrors ?? {})[0] ?? result.formError ?? 'Not changed.');
    setStatus({ kind: result.ok ? 'ok' : 'error', message });
  }

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <h1 className="mr-auto text-2xl font-semibold tracking-tight">Admins</h1>
        <EditorOnly>
          <Button variant="primary" onClick={() => setDialog({ kind: 'add' })}>
            Add admin
          </Button>
        </EditorOnly>
      </div>
      <p className="text-sm text-slate-600">
        Administrators change anything; auditors see every page and the history, and change nothing. Disabling an admin or resetting their
        password ends their sessions at once.
      </p>
      <p role="status" className={`text-sm ${status?.kind === 'error' ? 'text-red-700' : 'text-emerald-700'}`}>
        {status?.message}
      </p>
      <ListTable columns={['Username', 'Role', 'Status', 'Added']}>
        {admins.map((admin) => (
          <tr key={admin.id} className="border-t border-slate-100">
            <th scope="row" className="px-4 py-2 text-left font-medium">
              {admin.username}
              {admin.id === selfId && <span className="ml-2 text-xs font-normal text-slate-500">(you)</span>}
            </th>
            <td className="px-4 py-2">{optionLabel(ADMIN_ROLE_OPTIONS, admin.role)}</td>
            <td className="px-4 py-2">{admin.disabled ? <span className="text-amber-700">Disabled</span> : 'Enabled'}</td>
            <td className="px-4 py-2">{formatDay(admin.createdAt)}</td>
            <td className="px-4 py-2">
              <EditorOnly>
                <div className="flex justify-end gap-1">
                  <Button
                    variant="ghost"
                    aria-label={`Reset the password of ${admin.username}`}
                    onClick={() => setDialog({ kind: 'reset', admin })}
                  >
                    Reset password
                  </Button>
                  {admin.id !== selfId && (
                    <Button
                      variant="ghost"
                      aria-label={`${admin.disabled ? 'Enable' : 'Disable'} ${admin.username}`}
                      onClick={() => void toggle(admin)}
                    >
                      {admin.disabled ? 'Enable' : 'Disable'}
                    </Button>
                  )}
                </div>
              </EditorOnly>
            </td>
          </tr>
        ))}
      </ListTable>
      {dialog?.kind === 'add' && (
        <FormDialog<NewAdminValues>
          title="Add admin"
          schema={newAdminSchema}
          defaultValues={{ username: '', role: 'auditor', password: '' }}
          submitLabel="Add admin"
          run={actions.create}
          onDone={done('Admin added.')}
          onClose={() => setDialog(null)}
        >
          <TextInput name="username" label="Username" />
          <SelectInput name="role" label="Role" options={ADMIN_ROLE_OPTIONS} />
          <TextInput name="password" label="Password" type="password" autoComplete="new-password" hint={PASSWORD_HINT} />
        </FormDialog>
      )}
      {dialog?.kind === 'reset' && (
        <FormDialog<ResetAdminPasswordValues>
          title={`Reset the password of ${dialog.admin.username}`}
          description="Their sessions end; tell them the new password through a channel you trust."
          schema={resetAdminPasswordSchema}
          defaultValues={{ password: '' }}
          submitLabel="Reset password"
          run={(values) => actions.resetPassword(dialog.admin.id, values)}
          onDone={done(`The password of ${dialog.admin.username} was reset.`)}
          onClose={() => setDialog(null)}
        >
          <TextInput name="password" label="New password" type="password" autoComplete="new-password" hint={PASSWORD_HINT} />
        </FormDialog>
      )}
    </div>
  );
}
