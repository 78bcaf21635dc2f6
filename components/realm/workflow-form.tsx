'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';

import {
  DEFAULT_PUBLIC_PRIVATE_OPTIONS,
  PUBLIC_PRIVATE_MODE_OPTIONS,
  UNAVAILABLE_WORKFLOW_FEATURES,
  WORKFLOW_OPTIONS,
} from '@/lib/realm/options';
import type { TabSaveAction } from '@/lib/form-result';
import { TAB_FIELD_LABELS } from '@/lib/realm/field-labels';
import { type WorkflowValues, forcedDefaultPublicPrivate, workflowSchema } from '@/lib/realm/schemas/workflow';
import { Section } from '@/components/ui/section';

import { BooleanSelect, NumberInput, SelectInput } from './form-fields';
import { TabForm } from './tab-form';
import { UnavailableList } from './unavailable-list';

const LABELS = TAB_FIELD_LABELS.workflow;

export function WorkflowForm({
  realm,
  values,
  version,
  save,
}: {
  realm: { id: string };
  values: WorkflowValues;
  version: number;
  save: TabSaveAction<WorkflowValues>;
}) {
  const form = useForm<WorkflowValues>({ resolver: zodResolver(workflowSchema), defaultValues: values });
  const [workflow, mode] = useWatch({ control: form.control, name: ['defaultWorkflow', 'publicPrivateMode'] });
  const forced = forcedDefaultPublicPrivate(mode);
  // A single-mode realm has one possible default: the mode select sets it along.
  const onModeChange = (next: string) => {
    const nextForced = forcedDefaultPublicPrivate(next);
    if (nextForced) form.setValue('defaultPublicPrivate', nextForced, { shouldDirty: true });
  };

  return (
    <TabForm form={form} tab="workflow" tabLabel="Workflow" version={version} save={(next, v) => save(realm.id, v, next)}>
      <Section title="Workflow">
        <div className="grid gap-1 sm:col-span-2">
          <SelectInput
            name="defaultWorkflow"
            label={LABELS.defaultWorkflow}
            options={WORKFLOW_OPTIONS}
            hint="The steps a user goes through to sign in"
          />
          {workflow === 'username-only' && (
            <p role="note" className="text-sm text-amber-800">
              Username Only asks for no password and no second factor: anyone who knows a username gets in.
            </p>
          )}
        </div>
        <SelectInput
          name="publicPrivateMode"
          label={LABELS.publicPrivateMode}
          options={PUBLIC_PRIVATE_MODE_OPTIONS}
          onValueChange={onModeChange}
          hint="Private: “this is my device”, the SSO cookie persists. Public: a session cookie, nothing remembered."
        />
        <SelectInput
          name="defaultPublicPrivate"
          label={LABELS.defaultPublicPrivate}
          options={DEFAULT_PUBLIC_PRIVATE_OPTIONS}
          disabled={forced !== null}
          hint={forced ? 'Set by the mode above' : undefined}
        />
        <BooleanSelect
          name="rememberUserSelection"
          label={LABELS.rememberUserSelection}
          hint="Pre-select the method the user last succeeded with on this device"
        />
      </Section>
      <Section title="Account Lockout" description="Locks a user out after repeated failed sign-ins.">
        <NumberInput name="maxInvalidAttempts" label={LABELS.maxInvalidAttempts} min={1} max={100} />
        <NumberInput name="lockoutMinutes" label={LABELS.lockoutMinutes} min={1} max={1440} />
      </Section>
      <Section title="Device and Front End">
        <UnavailableList items={UNAVAILABLE_WORKFLOW_FEATURES} />
      </Section>
    </TabForm>
  );
}
