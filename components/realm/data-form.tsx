'use client';

import Link from 'next/link';

import { zodResolver } from '@hookform/resolvers/zod';
import { type UseFormReturn, useForm, useFormContext, useFormState, useWatch } from 'react-hook-form';

import {
  CONNECTION_MODE_OPTIONS,
  DATA_FORMAT_OPTIONS,
  DATA_STORE_OPTIONS,
  GROUP_CHECK_TYPE_OPTIONS,
  PROFILE_PROPERTY_OPTIONS,
  UNAVAILABLE_HINT,
  VALIDATE_USER_TYPE_OPTIONS,
  defaultSearchAttribute,
  generateSearchFilter,
  isLdapStore,
  optionLabel,
} from '@/lib/realm/options';
import type { TabSaveAction } from '@/lib/form-result';
import type { TestConnectionAction } from '@/lib/realm/test-connection';
import { PROFILE_FIELD_LABELS, TAB_FIELD_LABELS } from '@/lib/realm/field-labels';
import { type DataValues, dataSchema } from '@/lib/realm/schemas/data';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { Section } from '@/components/ui/section';

import { BooleanSelect, NumberInput, OptionList, SecretInput, SelectInput, TextArea, TextInput } from './form-fields';
import { TabForm } from './tab-form';
import { TestConnection } from './test-connection';

const LABELS = TAB_FIELD_LABELS.data;

export function DataForm({
  realm,
  values,
  version,
  save,
  testConnection,
}: {
  realm: { id: string };
  values: DataValues;
  version: number;
  save: TabSaveAction<DataValues>;
  testConnection: TestConnectionAction;
}) {
  const form = useForm<DataValues>({ resolver: zodResolver(dataSchema), defaultValues: values });
  const store = useWatch({ control: form.control, name: 'dataStore' });
  const ldap = isLdapStore(store);
  return (
    <TabForm form={form} tab="data" tabLabel="Data" version={version} save={(next, v) => save(realm.id, v, next)}>
      <Section title="Membership Connection Settings">
        <div className="sm:col-span-2">
          <SelectInput
            name="dataStore"
            label={LABELS.dataStore}
            options={DATA_STORE_OPTIONS}
            onValueChange={(next) => followStoreDefaults(form, form.getValues('dataStore'), next)}
          />
        </div>
        {ldap ? (
          <LdapFields realmId={realm.id} testConnection={testConnection} />
        ) : (
          <p className="text-sm text-slate-600 sm:col-span-2">
            Users and their profile properties are managed in Realmgate&apos;s own{' '}
            <Link href="/directory" className="text-brand-700 underline">
              Directory
            </Link>
            .
          </p>
        )}
      </Section>
      <Section title="Profile Provider Settings">
        <Field id="field-same-as-above" label={LABELS.profileSameAsAbove}>
          {(a11y) => (
            <select {...a11y} value="true" disabled className={inputClass}>
              <option value="true">True</option>
              <option value="false">False ({UNAVAILABLE_HINT})</option>
            </select>
          )}
        </Field>
      </Section>
      {ldap ? (
        <ProfileFieldsGrid />
      ) : (
        <Section title="Profile Fields">
          <p className="text-sm text-slate-600 sm:col-span-2">
            With the local directory, profile properties (First Name, Email 1–4, Aux ID 1–10, …) are edited on each user. The mapping grid
            applies to LDAP stores.
          </p>
        </Section>
      )}
    </TabForm>
  );
}

/** Changing the store carries the search attribute and filter along while they are still the defaults. */
function followStoreDefaults(form: UseFormReturn<DataValues>, from: string, to: string) {
  const [attribute, filter] = form.getValues(['searchAttribute', 'searchFilter']);
  const next = defaultSearchAttribute(to);
  if (attribute === '' || attribute === defaultSearchAttribute(from)) {
    form.setValue('searchAttribute', next, { shouldDirty: true });
    if (filter === '' || filter === generateSearchFilter(attribute)) {
      form.setValue('searchFilter', generateSearchFilter(next), { shouldDirty: true });
    }
  }
}

function LdapFields({ realmId, testConnection }: { realmId: string; testConnection: TestConnectionAction }) {
  const { getValues, setValue } = useFormContext<DataValues>();
  return (
    <>
      <TextInput name="ldapDomain" label={LABELS.ldapDomain} placeholder="example.com" />
      <TextInput
        name="connectionString"
        label={LABELS.connectionString}
        placeholder="ldaps://dc1.example.com/dc=example,dc=com"
        hint="ldap:// or ldaps://host[:port]/<base DN>"
      />
      <SelectInput name="connectionMode" label={LABELS.connectionMode} options={CONNECTION_MODE_OPTIONS} />
      <TlsFields />
      <BooleanSelect name="anonymousLookup" label={LABELS.anonymousLookup} />
      <TextInput name="ldapUsername" label={LABELS.ldapUsername} hint="The service account's DN or UPN" />
      <SecretInput name="ldapPassword" label={LABELS.ldapPassword} />
      <TextInput name="searchAttribute" label={LABELS.searchAttribute} />
      <div className="grid content-start gap-1">
        <TextInput name="searchFilter" label={LABELS.searchFilter} hint="%v is what the user typed, escaped per RFC 4515" />
        <Button
          className="justify-self-start"
          onClick={() => {
            const attribute = getValues('searchAttribute') || defaultSearchAttribute(getValues('dataStore'));
            setValue('searchFilter', generateSearchFilter(attribute), { shouldDirty: true, shouldValidate: true });
          }}
        >
          Generate Search Filter
        </Button>
      </div>
      <SelectInput
        name="validateUserType"
        label={LABELS.validateUserType}
        options={VALIDATE_USER_TYPE_OPTIONS}
        hint="Bind: the directory checks the password by a bind as the user. Search: the service account compares it with userPassword (needs compare rights; not Active Directory)."
      />
      <BooleanSelect
        name="advancedAdUserCheck"
        label={LABELS.advancedAdUserCheck}
        hint="Refuse disabled or locked Active Directory accounts"
      />
      <SelectInput name="groupCheckType" label={LABELS.groupCheckType} options={GROUP_CHECK_TYPE_OPTIONS} />
      <TextArea name="userGroups" label={LABELS.userGroups} hint="One group per line; empty: no restriction" />
      <BooleanSelect name="includeNestedGroups" label={LABELS.includeNestedGroups} />
      <TextInput name="groupsField" label={LABELS.groupsField} />
      <TestConnection realmId={realmId} testConnection={testConnection} />
    </>
  );
}

/** The CA to trust, whether certificates are checked (with a warning while they are not), and the timeout. */
function TlsFields() {
  const [mode, verifyTls] = useWatch<DataValues, ['connectionMode', 'verifyTls']>({ name: ['connectionMode', 'verifyTls'] });
  const warning =
    mode === 'standard'
      ? 'Standard sends passwords to the directory in clear text: use StartTLS or SSL.'
      : !verifyTls
        ? "The directory's certificate is not checked: anyone on the network path can pose as the directory and read every password."
        : undefined;
  return (
    <>
      <BooleanSelect
        name="verifyTls"
        label={LABELS.verifyTls}
        trueLabel="True (recommended)"
        hint={warning && <span className="text-amber-700">{warning}</span>}
      />
      <TextArea
        name="caCertificate"
        label={LABELS.caCertificate}
        rows={4}
        placeholder="-----BEGIN CERTIFICATE-----"
        hint="PEM of the private CA that signed the directory's certificate; empty: the system's CAs only"
      />
      <NumberInput
        name="connectionTimeoutSeconds"
        label={LABELS.connectionTimeoutSeconds}
        min={1}
        max={60}
        hint="1–60: every directory call ends within it"
      />
    </>
  );
}

function ProfileFieldsGrid() {
  const { register } = useFormContext<DataValues>();
  const { errors } = useFormState<DataValues>({ name: 'profileFields' });
  const rows = useWatch<DataValues, 'profileFields'>({ name: 'profileFields' });
  return (
    <section aria-labelledby="profile-fields-title" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="profile-fields-title" className="mb-3 text-base font-semibold">
        {LABELS.profileFields}
      </h2>
      <table className="w-full text-sm">
        <thead className="text-left text-slate-600">
          <tr>
            <th id="col-property" className="py-1 font-medium">
              {PROFILE_FIELD_LABELS.property}
            </th>
            <th id="col-field" className="py-1 font-medium">
              {PROFILE_FIELD_LABELS.field}
            </th>
            <th id="col-writable" className="py-1 font-medium">
              {PROFILE_FIELD_LABELS.writable}
            </th>
            <th id="col-format" className="py-1 font-medium">
              {PROFILE_FIELD_LABELS.dataFormat}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const rowId = `property-${row.property}`;
            const fieldError = errors.profileFields?.[index]?.field?.message;
            return (
              <tr key={row.property} className="border-t border-slate-100">
                <th id={rowId} scope="row" className="py-1 pr-3 text-left font-normal">
                  {optionLabel(PROFILE_PROPERTY_OPTIONS, row.property)}
                </th>
                <td className="py-1 pr-3">
                  <input
                    aria-labelledby={`${rowId} col-field`}
                    aria-invalid={fieldError ? true : undefined}
                    aria-describedby={fieldError ? `${rowId}-error` : undefined}
                    {...register(`profileFields.${index}.field`)}
                    className={inputClass}
                    spellCheck={false}
                  />
                  {fieldError && (
                    <p id={`${rowId}-error`} className="text-sm text-red-700">
                      {fieldError}
                    </p>
                  )}
                </td>
                <td className="py-1 pr-3">
                  <input
                    type="checkbox"
                    aria-labelledby={`${rowId} col-writable`}
                    {...register(`profileFields.${index}.writable`)}
                    title={`Write-back is ${UNAVAILABLE_HINT}; the setting is stored`}
                  />
                </td>
                <td className="py-1">
                  <select aria-labelledby={`${rowId} col-format`} {...register(`profileFields.${index}.dataFormat`)} className={inputClass}>
                    <OptionList options={DATA_FORMAT_OPTIONS} />
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
