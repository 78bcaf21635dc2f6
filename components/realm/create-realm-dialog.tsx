'use client';

import { useMemo } from 'react';

import { useFormContext, useWatch } from 'react-hook-form';

import type { Option } from '@/lib/realm/options';
import type { RealmListActions } from '@/lib/realm/list-actions';
import { type CreateRealmFormValues, type RealmTemplate, createRealmFormSchema } from '@/lib/realm/template-schema';
import { FormDialog } from '@/components/ui/form-dialog';

import { SelectInput, TextInput } from './form-fields';

const option = (value: string, label: string): Option => ({ value, label, available: true });

/** "Create realm": a name, and a blank realm or a service provider's template with what it asks for. */
export function CreateRealmDialog({
  templates,
  create,
  onClose,
  onDone,
}: {
  templates: RealmTemplate[];
  create: RealmListActions['create'];
  onClose: () => void;
  onDone: (name: string) => void;
}) {
  const schema = useMemo(() => createRealmFormSchema(templates), [templates]);
  return (
    <FormDialog<CreateRealmFormValues>
      title="Create realm"
      description="The realm URL is made from the name: /sso/<name-in-lower-case-with-hyphens>. Start blank, or from a service provider's template."
      schema={schema}
      defaultValues={{ name: '', template: '', parameters: {} }}
      submitLabel="Create"
      run={create}
      onDone={(values) => onDone(values.name.trim())}
      onClose={onClose}
    >
      <TextInput name="name" label="Realm Name" />
      <TemplateFields templates={templates} />
    </FormDialog>
  );
}

/** The template choice, then the chosen template's parameters (a select for a list of values, else text). */
function TemplateFields({ templates }: { templates: RealmTemplate[] }) {
  const { control } = useFormContext<CreateRealmFormValues>();
  const chosenId = useWatch({ control, name: 'template' });
  const chosen = templates.find((template) => template.id === chosenId);
  const choices = [option('', 'Blank realm'), ...templates.map((template) => option(template.id, template.name))];
  return (
    <>
      <SelectInput name="template" label="Template" options={choices} hint={chosen?.description ?? 'Every tab at its defaults.'} />
      {Object.entries(chosen?.parameters ?? {}).map(([name, parameter]) =>
        parameter.options ? (
          <SelectInput
            key={name}
            name={`parameters.${name}`}
            label={parameter.label}
            hint={parameter.hint}
            options={[option('', 'Choose…'), ...parameter.options.map((value) => option(value, value))]}
          />
        ) : (
          <TextInput key={name} name={`parameters.${name}`} label={parameter.label} hint={parameter.hint} />
        ),
      )}
    </>
  );
}
