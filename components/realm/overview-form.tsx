'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';

import type { TabSaveAction } from '@/lib/form-result';
import { TAB_FIELD_LABELS } from '@/lib/realm/field-labels';
import { SMTP_SECURITY_OPTIONS } from '@/lib/realm/options';
import { type OverviewValues, overviewSchema, sendsPasswordInClear } from '@/lib/realm/schemas/overview';
import type { SendTestEmailAction } from '@/lib/realm/test-email';
import { Section } from '@/components/ui/section';

import { CheckboxInput, NumberInput, SecretInput, SelectInput, TextArea, TextInput } from './form-fields';
import { LogoInput } from './logo-input';
import { TabForm } from './tab-form';
import { TestEmail } from './test-email';

const LABELS = TAB_FIELD_LABELS.overview;

export function OverviewForm({
  realm,
  values,
  version,
  save,
  sendTestEmail,
}: {
  realm: { id: string };
  values: OverviewValues;
  version: number;
  save: TabSaveAction<OverviewValues>;
  sendTestEmail: SendTestEmailAction;
}) {
  const form = useForm<OverviewValues>({ resolver: zodResolver(overviewSchema), defaultValues: values });
  return (
    <TabForm form={form} tab="overview" tabLabel="Overview" version={version} save={(next, v) => save(realm.id, v, next)}>
      <Section title="Details">
        <TextInput name="name" label={LABELS.name} />
        <TextArea name="description" label={LABELS.description} hint="Internal: shown in the console only" />
        <LogoInput name="logo" label={LABELS.logo} />
      </Section>
      <Section title="Look and Feel" description="Shown on the realm's sign-in pages.">
        <TextInput name="documentTitle" label={LABELS.documentTitle} hint="The browser title of the sign-in pages" />
        <TextInput name="pageHeader" label={LABELS.pageHeader} hint="The heading on the sign-in pages" />
      </Section>
      <Section title="Email Settings (SMTP)" description="Used to send one-time passcodes by email.">
        <TextInput name="smtpHost" label={LABELS.smtpHost} placeholder="smtp.example.com" />
        <NumberInput name="smtpPort" label={LABELS.smtpPort} min={1} max={65535} hint="25, 587 (STARTTLS) or 465 (SSL-TLS)" />
        <TextInput name="smtpUsername" label={LABELS.smtpUsername} hint="Empty: no SMTP authentication" />
        <SecretInput name="smtpPassword" label={LABELS.smtpPassword} />
        <PlainAuthFields />
        <TextInput name="senderAddress" type="email" label={LABELS.senderAddress} placeholder="idp@example.com" />
        <TextInput name="senderName" label={LABELS.senderName} />
        <TextInput name="emailSubject" label={LABELS.emailSubject} />
        <TestEmail realmId={realm.id} unsaved={form.formState.isDirty} sendTestEmail={sendTestEmail} />
      </Section>
    </TabForm>
  );
}

/** SSL, and, while it would send the password unencrypted, a warning and the explicit consent to do so. */
function PlainAuthFields() {
  const [smtpSecurity, smtpUsername, smtpPassword] = useWatch<OverviewValues, ['smtpSecurity', 'smtpUsername', 'smtpPassword']>({
    name: ['smtpSecurity', 'smtpUsername', 'smtpPassword'],
  });
  const inClear = sendsPasswordInClear({ smtpSecurity, smtpUsername, smtpPassword });
  return (
    <>
      <SelectInput
        name="smtpSecurity"
        label={LABELS.smtpSecurity}
        options={SMTP_SECURITY_OPTIONS}
        hint={
          inClear ? <span className="text-amber-700">Without SSL the password travels in clear text to the mail server.</span> : undefined
        }
      />
      {inClear && (
        <CheckboxInput
          name="smtpAllowPlainAuth"
          label={LABELS.smtpAllowPlainAuth}
          hint="Only for a mail server on a network you trust: anyone on the path can read the password."
        />
      )}
    </>
  );
}
