'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';

import type { TabSaveAction } from '@/lib/form-result';
import { TAB_FIELD_LABELS, contactFieldLabel } from '@/lib/realm/field-labels';
import { EMAIL_MODE_OPTIONS, PHONE_MODE_OPTIONS, UNAVAILABLE_HINT, UNAVAILABLE_MFA_METHODS, type Option } from '@/lib/realm/options';
import { CONTACT_FIELD_COUNT, type MultiFactorMethodsValues, multiFactorMethodsSchema } from '@/lib/realm/schemas/multi-factor-methods';
import { Section } from '@/components/ui/section';

import { BooleanSelect, NumberInput, SelectInput, TextInput } from './form-fields';
import { TabForm } from './tab-form';
import { UnavailableList } from './unavailable-list';

const choices = (...numbers: number[]): Option[] => numbers.map((n) => ({ value: String(n), label: String(n), available: true }));
const SLOTS = Array.from({ length: CONTACT_FIELD_COUNT }, (_, i) => i);

const LABELS = TAB_FIELD_LABELS['multi-factor-methods'];

export function MultiFactorMethodsForm({
  realm,
  values,
  version,
  save,
}: {
  realm: { id: string };
  values: MultiFactorMethodsValues;
  version: number;
  save: TabSaveAction<MultiFactorMethodsValues>;
}) {
  const form = useForm<MultiFactorMethodsValues>({ resolver: zodResolver(multiFactorMethodsSchema), defaultValues: values });
  const methodsError = form.formState.errors.root?.methods?.message;
  return (
    <TabForm
      form={form}
      tab="multi-factor-methods"
      tabLabel="Multi-Factor Methods"
      version={version}
      save={(next, v) => save(realm.id, v, next)}
    >
      <Section
        title="Multi-Factor Configuration"
        description="If the workflow asks for a second factor, at least one method must be enabled."
      >
        {methodsError && (
          <p role="alert" className="text-sm text-red-700 sm:col-span-2">
            {methodsError}
          </p>
        )}
        {SLOTS.map((i) => (
          <SelectInput
            key={`phone${i}`}
            name={`phoneFields.${i}`}
            label={contactFieldLabel('phone', i)}
            options={PHONE_MODE_OPTIONS}
            hint={`SMS and voice are ${UNAVAILABLE_HINT}: no telephony provider`}
          />
        ))}
        {SLOTS.map((i) => (
          <SelectInput
            key={`email${i}`}
            name={`emailFields.${i}`}
            label={contactFieldLabel('email', i)}
            options={EMAIL_MODE_OPTIONS}
            hint={`A one-time passcode sent to the user's Email ${i + 1}, through Overview's SMTP settings`}
          />
        ))}
      </Section>
      <Section title="Time-based Passcodes (OATH/TOTP)">
        <BooleanSelect name="totpEnabled" label={LABELS.totpEnabled} trueLabel="Enabled" falseLabel="Disabled" />
        <SelectInput name="totpLength" label={LABELS.totpLength} options={choices(6, 8)} numeric />
        <SelectInput name="totpTimeStep" label={LABELS.totpTimeStep} options={choices(30, 60)} numeric />
        <NumberInput name="totpDrift" label={LABELS.totpDrift} min={0} max={2} />
        <TextInput name="totpIssuer" label={LABELS.totpIssuer} hint="Empty: the realm's Page Header" />
      </Section>
      <Section title="One-Time Passcode settings" description="For passcodes sent by email.">
        <NumberInput name="otpLength" label={LABELS.otpLength} min={6} max={8} />
        <NumberInput name="otpLifetimeMinutes" label={LABELS.otpLifetimeMinutes} min={1} max={30} />
        <NumberInput name="otpMaxAttempts" label={LABELS.otpMaxAttempts} min={1} max={10} />
      </Section>
      <Section title="Other methods">
        <UnavailableList items={UNAVAILABLE_MFA_METHODS} />
      </Section>
    </TabForm>
  );
}
