'use client';

import { useRef } from 'react';

import type { DirectoryUserSummary } from '@/lib/directory/repository';
import type { DirectoryActions } from '@/lib/directory/user-actions';
import {
  type DeleteUserValues,
  type NewUserValues,
  PASSWORD_MIN,
  defaultNewUserValues,
  deleteUserSchema,
  newUserSchema,
} from '@/lib/directory/schemas';
import { FormDialog } from '@/components/ui/form-dialog';
import { TextInput } from '@/components/realm/form-fields';

/** Add user: a username and an initial password; the profile is filled in on the user's page next. */
export function AddUserDialog({
  create,
  onClose,
  onCreated,
}: {
  create: DirectoryActions['create'];
  onClose: () => void;
  onCreated: (user: DirectoryUserSummary) => void;
}) {
  // FormDialog reports success without the result; the new user's id is kept here to open their page.
  const created = useRef<DirectoryUserSummary | null>(null);
  return (
    <FormDialog<NewUserValues>
      title="Add user"
      description="Profile properties (name, emails, phones, Aux IDs, groups) are edited on the user's page next."
      schema={newUserSchema}
      defaultValues={defaultNewUserValues()}
      submitLabel="Add user"
      run={async (values) => {
        const result = await create(values);
        if (result.ok) created.current = result.values;
        return result;
      }}
      onDone={() => created.current && onCreated(created.current)}
      onClose={onClose}
    >
      <TextInput name="username" label="Username" />
      <TextInput
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN} characters`}
      />
    </FormDialog>
  );
}

/** Delete asks for the username, and the button stays disabled until it matches. */
export function DeleteUserDialog({
  user,
  remove,
  onClose,
  onDeleted,
}: {
  user: DirectoryUserSummary;
  remove: DirectoryActions['delete'];
  onClose: () => void;
  onDeleted: () => void;
}) {
  return (
    <FormDialog<DeleteUserValues>
      title={`Delete ${user.username}`}
      description={`This deletes the user and their profile; they can no longer sign in to any realm. Type “${user.username}” to confirm.`}
      schema={deleteUserSchema}
      defaultValues={{ confirmUsername: '' }}
      submitLabel="Delete user"
      danger
      canSubmit={(form) => (form.watch('confirmUsername') ?? '').trim() === user.username}
      run={(values) => remove(user.id, values)}
      onDone={onDeleted}
      onClose={onClose}
    >
      <TextInput name="confirmUsername" label="Username to confirm" />
    </FormDialog>
  );
}
