'use client';

import type { FormResult } from '@/lib/form-result';
import type { RealmListActions } from '@/lib/realm/list-actions';
import type { RealmSummary } from '@/lib/realm/realm-list-repository';
import { deleteRealmSchema, realmNameFormSchema } from '@/lib/realm/schemas/realm';
import type { RealmTemplate } from '@/lib/realm/template-schema';
import { FormDialog } from '@/components/ui/form-dialog';

import { CreateRealmDialog } from './create-realm-dialog';
import { TextInput } from './form-fields';

export type RealmDialogKind = 'create' | 'rename' | 'duplicate' | 'delete';

type NameDialogKind = Exclude<RealmDialogKind, 'create'>;

type Spec = {
  title: string;
  description: string;
  field: { name: 'name' | 'confirmName'; label: string };
  submit: string;
  initial: string;
  run: (value: string) => Promise<FormResult<unknown>>;
  done: string;
};

function specFor(kind: NameDialogKind, realm: RealmSummary | undefined, actions: RealmListActions): Spec {
  const id = realm?.id ?? '';
  const name = realm?.name ?? '';
  switch (kind) {
    case 'rename':
      return {
        title: `Rename ${name}`,
        description: 'The realm URL stays the same, so service providers keep working.',
        field: { name: 'name', label: 'New name' },
        submit: 'Rename',
        initial: name,
        run: (value) => actions.rename(id, { name: value }),
        done: 'Realm renamed.',
      };
    case 'duplicate':
      return {
        title: `Duplicate ${name}`,
        description: 'Copies every tab into a new realm with its own URL. Check the copy’s Issuer before you use it.',
        field: { name: 'name', label: 'Name of the copy' },
        submit: 'Duplicate',
        initial: `Copy of ${name}`,
        run: (value) => actions.duplicate(id, { name: value }),
        done: 'Realm duplicated.',
      };
    case 'delete':
      return {
        title: `Delete ${name}`,
        description: `This deletes the realm and all its settings; its SSO URL stops working. Type “${name}” to confirm.`,
        field: { name: 'confirmName', label: 'Realm name to confirm' },
        submit: 'Delete realm',
        initial: '',
        run: (value) => actions.delete(id, { confirmName: value }),
        done: 'Realm deleted.',
      };
  }
}

/** The create / rename / duplicate / delete dialogs of the realms list: one field each, but Create's template. */
export function RealmDialog({
  kind,
  realm,
  actions,
  templates,
  onClose,
  onDone,
}: {
  kind: RealmDialogKind;
  realm?: RealmSummary;
  actions: RealmListActions;
  templates: RealmTemplate[];
  onClose: () => void;
  /** With the realm's new name after a create, rename or copy. */
  onDone: (message: string, name?: string) => void;
}) {
  if (kind === 'create') {
    return (
      <CreateRealmDialog
        templates={templates}
        create={actions.create}
        onClose={onClose}
        onDone={(name) => onDone('Realm created.', name)}
      />
    );
  }
  const spec = specFor(kind, realm, actions);
  const field = spec.field.name;
  return (
    <FormDialog<Record<string, string>>
      title={spec.title}
      description={spec.description}
      schema={kind === 'delete' ? deleteRealmSchema : realmNameFormSchema}
      defaultValues={{ [field]: spec.initial }}
      submitLabel={spec.submit}
      danger={kind === 'delete'}
      // Delete stays disabled until the typed name matches.
      canSubmit={(form) => kind !== 'delete' || (form.watch(field) ?? '').trim() === realm?.name}
      run={(values) => spec.run(values[field] ?? '')}
      onDone={(values) => onDone(spec.done, kind === 'delete' ? undefined : values[field]?.trim())}
      onClose={onClose}
    >
      <TextInput name={field} label={spec.field.label} />
    </FormDialog>
  );
}
