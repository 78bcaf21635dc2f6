'use client';

import { type ReactNode, useState } from 'react';

import { zodResolver } from '@hookform/resolvers/zod';
import { type DefaultValues, type FieldValues, FormProvider, type Path, type Resolver, type UseFormReturn, useForm } from 'react-hook-form';
import type { z } from 'zod';

import type { FormResult } from '@/lib/form-result';
import { describeActionFailure } from '@/lib/http/body';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';

/**
 * A dialog holding one small form: validated with its schema in the browser, sent to a server action, the
 * action's field errors put back on the fields. Used by the realms list and the certificates page.
 */
export function FormDialog<V extends FieldValues>({
  title,
  description,
  schema,
  defaultValues,
  submitLabel,
  danger = false,
  canSubmit = () => true,
  run,
  onDone,
  onClose,
  children,
}: {
  title: string;
  description?: ReactNode;
  schema: z.ZodType;
  defaultValues: DefaultValues<V>;
  submitLabel: string;
  danger?: boolean;
  canSubmit?: (form: UseFormReturn<V>) => boolean;
  run: (values: V) => Promise<FormResult<unknown>>;
  onDone: (values: V) => void;
  onClose: () => void;
  children?: ReactNode;
}) {
  // The caller pairs the schema with its value type V; zodResolver cannot check that pairing for it.
  const form = useForm<V>({ resolver: zodResolver(schema as z.ZodType<V, V>) as Resolver<V>, defaultValues });
  const [formError, setFormError] = useState('');
  const submit = form.handleSubmit(async (values) => {
    setFormError('');
    let result: FormResult<unknown>;
    try {
      result = await run(values);
    } catch (error) {
      return setFormError(describeActionFailure(error, 'The server could not be reached. Try again.'));
    }
    if (result.ok) return onDone(values);
    Object.entries(result.fieldErrors ?? {}).forEach(([name, message], index) =>
      form.setError(name as Path<V>, { type: 'server', message }, { shouldFocus: index === 0 }),
    );
    setFormError(result.formError ?? '');
  });

  return (
    <Dialog open onOpenChange={(open) => !open && !form.formState.isSubmitting && onClose()} title={title} description={description}>
      <FormProvider {...form}>
        <form noValidate onSubmit={submit} className="grid gap-4">
          {children}
          {formError && (
            <p role="alert" className="text-sm text-red-700">
              {formError}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <Button onClick={onClose} disabled={form.formState.isSubmitting}>
              Cancel
            </Button>
            <Button type="submit" variant={danger ? 'danger' : 'primary'} disabled={!canSubmit(form) || form.formState.isSubmitting}>
              {form.formState.isSubmitting ? 'Working…' : submitLabel}
            </Button>
          </div>
        </form>
      </FormProvider>
    </Dialog>
  );
}
