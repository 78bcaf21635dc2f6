'use client';

import { useState } from 'react';

import { zodResolver } from '@hookform/resolvers/zod';
import { FormProvider, useForm } from 'react-hook-form';

import type { FormResult } from '@/lib/form-result';
import type { RealmSummary } from '@/lib/realm/repository';
import { deleteRealmSchema, realmNameFormSchema } from '@/lib/realm/schemas/realm';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { createRealmAction, deleteRealmAction, duplicateRealmAction, renameRealmAction } from '@/app/(console)/realms/actions';

import { TextInput } from './form-fields';

export type RealmDialogKind = 'create' | 'rename' | 'duplicate' | 'delete';

type Spec = {
  title: string;
  description: string;
  field: { name: 'name' | 'confirmName'; label: string };
  submit: string;
  initial: string;
  run: (value: string) => Promise<FormResult<unknown>>;
  done: string;
};

function specFor(kind: RealmDialogKind, realm: RealmSummary | undefined): Spec {
  const id = realm?.id ?? '';
  const name = realm?.name ?? '';
  switch (kind) {
    case 'create':
      return {
        title: 'Create realm',
        description: 'The realm URL is made from the name: /sso/<name-in-lower-case-with-hyphens>.',
        field: { name: 'name', label: 'Realm Name' },
        submit: 'Create',
        initial: '',
        run: (value) => createRealmAction({ name: value }),
        done: 'Realm created.',
      };
    case 'rename':
      return {
        title: `Rename ${name}`,
        description: 'The realm URL stays the same, so service providers keep working.',
        field: { name: 'name', label: 'New name' },
        submit: 'Rename',
        initial: name,
        run: (value) => renameRealmAction(id, { name: value }),
        done: 'Realm renamed.',
      };
    case 'duplicate':
      return {
        title: `Duplicate ${name}`,
        description: 'Copies every tab into a new realm with its own URL. Check the copy’s Issuer before you use it.',
        field: { name: 'name', label: 'Name of the copy' },
        submit: 'Duplicate',
        initial: `Copy of ${name}`,
        run: (value) => duplicateRealmAction(id, { name: value }),
        done: 'Realm duplicated.',
      };
    case 'delete':
      return {
        title: `Delete ${name}`,
        description: `This deletes the realm and all its settings; its SSO URL stops working. Type “${name}” to confirm.`,
        field: { name: 'confirmName', label: 'Realm name to confirm' },
        submit: 'Delete realm',
        initial: '',
        run: (value) => deleteRealmAction(id, { confirmName: value }),
        done: 'Realm deleted.',
      };
  }
}

/** The create / rename / duplicate / delete dialogs of the realms list: one field each. */
export function RealmDialog({ kind, realm, onClose, onDone }: {
  kind: RealmDialogKind;
  realm?: RealmSummary;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const spec = specFor(kind, realm);
  const schema = kind === 'delete' ? deleteRealmSchema : realmNameFormSchema;
  const form = useForm<Record<string, string>>({
    resolver: zodResolver(schema) as never,
    defaultValues: { [spec.field.name]: spec.initial },
  });
  const [formError, setFormError] = useState('');
  const typed = form.watch(spec.field.name) ?? '';
  const confirmed = kind !== 'delete' || typed.trim() === realm?.name;

  const submit = form.handleSubmit(async (values) => {
    setFormError('');
    const result = await spec.run(values[spec.field.name] ?? '');
    if (result.ok) return onDone(spec.done);
    for (const [name, message] of Object.entries(result.fieldErrors ?? {})) form.setError(name, { type: 'server', message });
    setFormError(result.formError ?? '');
  });

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={spec.title} description={spec.description}>
      <FormProvider {...form}>
        <form noValidate onSubmit={submit} className="grid gap-4">
          <TextInput name={spec.field.name} label={spec.field.label} />
          {formError && (
            <p role="alert" className="text-sm text-red-700">
              {formError}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" variant={kind === 'delete' ? 'danger' : 'primary'} disabled={!confirmed || form.formState.isSubmitting}>
              {spec.submit}
            </Button>
          </div>
        </form>
      </FormProvider>
    </Dialog>
  );
}
