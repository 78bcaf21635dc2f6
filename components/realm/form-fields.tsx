'use client';

import type { ReactNode } from 'react';

import { Controller, get, useFormContext, useFormState } from 'react-hook-form';

import { type Option, UNAVAILABLE_HINT } from '@/lib/realm/options';
import type { SecretValue } from '@/lib/realm/schemas/fields';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';

/**
 * Form controls bound to the surrounding react-hook-form (TabForm provides it). Each renders a visible
 * label and the field's error from the schema; tests find them by label.
 */

type Common = { name: string; label: ReactNode; hint?: ReactNode; disabled?: boolean };

const fieldId = (name: string) => `field-${name.replace(/\./g, '-')}`;

function useFieldError(name: string): string | undefined {
  const { errors } = useFormState({ name });
  return (get(errors, name) as { message?: string } | undefined)?.message;
}

export function TextInput({
  name,
  label,
  hint,
  disabled,
  type = 'text',
  placeholder,
  autoComplete = 'off',
}: Common & {
  type?: 'text' | 'url' | 'email' | 'tel' | 'password' | 'datetime-local';
  placeholder?: string;
  autoComplete?: string;
}) {
  const { register } = useFormContext();
  return (
    <Field id={fieldId(name)} label={label} hint={hint} error={useFieldError(name)}>
      {(a11y) => (
        <input
          {...a11y}
          {...register(name)}
          type={type}
          placeholder={placeholder}
          disabled={disabled}
          autoComplete={autoComplete}
          spellCheck={false}
          className={inputClass}
        />
      )}
    </Field>
  );
}

export function TextArea({ name, label, hint, rows = 3, placeholder }: Common & { rows?: number; placeholder?: string }) {
  const { register } = useFormContext();
  return (
    <Field id={fieldId(name)} label={label} hint={hint} error={useFieldError(name)}>
      {(a11y) => <textarea {...a11y} {...register(name)} rows={rows} placeholder={placeholder} className={inputClass} />}
    </Field>
  );
}

export function NumberInput({ name, label, hint, min, max }: Common & { min: number; max: number }) {
  const { register } = useFormContext();
  return (
    <Field id={fieldId(name)} label={label} hint={hint ?? `${min}–${max}`} error={useFieldError(name)}>
      {(a11y) => (
        // The browser's own range check stays off (noValidate on the form): the schema's message is the one shown.
        <input
          {...a11y}
          {...register(name, { valueAsNumber: true })}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          className={`${inputClass} max-w-32`}
        />
      )}
    </Field>
  );
}

export function optionText(option: Option): string {
  return option.available ? option.label : `${option.label} (${UNAVAILABLE_HINT})`;
}

/** The <option>s of a list: those Realmgate does not offer yet are shown, disabled, with the hint. */
export function OptionList({ options }: { options: readonly Option[] }) {
  return options.map((option) => (
    <option key={option.value} value={option.value} disabled={!option.available}>
      {optionText(option)}
    </option>
  ));
}

/** A native select over an option list; `onValueChange` runs before the form sees the new value. */
export function SelectInput({
  name,
  label,
  hint,
  disabled,
  options,
  numeric = false,
  onValueChange,
}: Common & {
  options: readonly Option[];
  numeric?: boolean;
  onValueChange?: (value: string) => void;
}) {
  const { register } = useFormContext();
  const { onChange, ...field } = register(name, numeric ? { setValueAs: Number } : {});
  return (
    <Field id={fieldId(name)} label={label} hint={hint} error={useFieldError(name)}>
      {(a11y) => (
        <select
          {...a11y}
          {...field}
          onChange={(event) => {
            onValueChange?.(event.target.value);
            return onChange(event);
          }}
          disabled={disabled}
          className={inputClass}
        >
          <OptionList options={options} />
        </select>
      )}
    </Field>
  );
}

/** A checkbox for an explicit consent (e.g. "Allow plain-text authentication"), bound to a boolean. */
export function CheckboxInput({ name, label, hint }: Common) {
  const { register } = useFormContext();
  return (
    <Field id={fieldId(name)} label={label} hint={hint} error={useFieldError(name)}>
      {(a11y) => <input {...a11y} {...register(name)} type="checkbox" className="size-4 justify-self-start accent-brand-600" />}
    </Field>
  );
}

/** The True/False dropdowns admins know from the SecureAuth Web Admin, bound to a boolean. */
export function BooleanSelect({
  name,
  label,
  hint,
  disabled,
  trueLabel = 'True',
  falseLabel = 'False',
}: Common & {
  trueLabel?: string;
  falseLabel?: string;
}) {
  const { control } = useFormContext();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Field id={fieldId(name)} label={label} hint={hint} error={fieldState.error?.message}>
          {(a11y) => (
            <select
              {...a11y}
              ref={field.ref}
              name={field.name}
              value={String(field.value)}
              onBlur={field.onBlur}
              onChange={(event) => field.onChange(event.target.value === 'true')}
              disabled={disabled}
              className={inputClass}
            >
              <option value="true">{trueLabel}</option>
              <option value="false">{falseLabel}</option>
            </select>
          )}
        </Field>
      )}
    />
  );
}

/**
 * A stored secret: shows whether one is set and lets the admin replace or clear it. The stored value is
 * never in the form (DESIGN "Data"); only a replacement the admin types travels to the server.
 */
export function SecretInput({ name, label, hint, clearable = true }: Common & { clearable?: boolean }) {
  const { control, resetField } = useFormContext();
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => {
        const secret = field.value as SecretValue;
        const replacing = secret.replacement !== null;
        const set = (next: SecretValue) => field.onChange(next);
        return (
          <Field
            id={fieldId(name)}
            label={label}
            hint={hint}
            error={fieldState.error?.message ?? (get(fieldState.error, 'replacement') as { message?: string } | undefined)?.message}
          >
            {(a11y) => (
              <div className="flex flex-wrap items-center gap-2">
                {replacing ? (
                  <input
                    {...a11y}
                    ref={field.ref}
                    type="password"
                    autoComplete="new-password"
                    placeholder={secret.isSet ? 'New password' : 'Password'}
                    value={secret.replacement ?? ''}
                    onChange={(event) => set({ ...secret, replacement: event.target.value })}
                    className={`${inputClass} max-w-64`}
                  />
                ) : (
                  <input {...a11y} readOnly value={secret.isSet ? 'Set' : 'Not set'} className={`${inputClass} max-w-28`} />
                )}
                <ReplaceControls
                  secret={secret}
                  label={typeof label === 'string' ? label : 'secret'}
                  clearable={clearable}
                  onChange={set}
                  onCancel={() => resetField(name)}
                />
              </div>
            )}
          </Field>
        );
      }}
    />
  );
}

function ReplaceControls({
  secret,
  label,
  clearable,
  onChange,
  onCancel,
}: {
  secret: SecretValue;
  label: string;
  /** False where a secret is required (a directory user's password): it can be replaced, never removed. */
  clearable: boolean;
  onChange: (next: SecretValue) => void;
  onCancel: () => void;
}) {
  if (secret.replacement !== null) {
    return (
      <Button variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
    );
  }
  return (
    <>
      <Button
        variant="secondary"
        aria-label={`${secret.isSet ? 'Replace' : 'Set'} ${label}`}
        onClick={() => onChange({ ...secret, replacement: '' })}
      >
        {secret.isSet ? 'Replace' : 'Set'}
      </Button>
      {secret.isSet && clearable && (
        <Button variant="ghost" aria-label={`Clear ${label}`} onClick={() => onChange({ isSet: false, replacement: null })}>
          Clear
        </Button>
      )}
    </>
  );
}
