'use client';

import { useState } from 'react';

import { type ChangePasswordValues, changePasswordSchema } from '@/lib/auth/schemas';
import { PASSWORD_MIN } from '@/lib/directory/schemas';
import type { FormResult } from '@/lib/form-result';
import { Button } from '@/components/ui/button';
import { FormDialog } from '@/components/ui/form-dialog';
import { TextInput } from '@/components/realm/form-fields';

/** Change your own password: the current one, then the new one twice. Your other sessions end. */
export function ChangePassword({ changePassword }: { changePassword: (input: unknown) => Promise<FormResult<null>> }) {
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState('');
  return (
    <div className="grid justify-items-start gap-2">
      <Button onClick={() => setOpen(true)}>Change password</Button>
      <p role="status" className="text-sm text-emerald-700">
        {status}
      </p>
      {open && (
        <FormDialog<ChangePasswordValues>
          title="Change your password"
          description="Your sessions in other browsers end; this one stays signed in."
          schema={changePasswordSchema}
          defaultValues={{ currentPassword: '', newPassword: '', confirmPassword: '' }}
          submitLabel="Change password"
          run={changePassword}
          onDone={() => {
            setOpen(false);
            setStatus('Your password was changed.');
          }}
          onClose={() => setOpen(false)}
        >
          <TextInput name="currentPassword" label="Current password" type="password" autoComplete="current-password" />
          <TextInput
            name="newPassword"
            label="New password"
            type="password"
            autoComplete="new-password"
            hint={`At least ${PASSWORD_MIN} characters`}
          />
          <TextInput name="confirmPassword" label="New password again" type="password" autoComplete="new-password" />
        </FormDialog>
      )}
    </div>
  );
}
