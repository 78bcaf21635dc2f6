'use client';

import { type ReactNode, useEffect, useRef, useState } from 'react';

import { type FieldValues, FormProvider, type Path, type UseFormReturn } from 'react-hook-form';

import type { FormResult } from '@/lib/form-result';
import { describeActionFailure } from '@/lib/http/body';
import { Button } from '@/components/ui/button';
import { LeaveDialog } from '@/components/ui/leave-dialog';
import { useLeaveGuard } from '@/components/ui/leave-guard';
import { useCanEdit } from '@/components/console/role';

import { useSetUnsavedTab } from './unsaved-tab';

type Status = { kind: 'saved' | 'error'; message: string } | null;

/**
 * The shell every realm tab shares (STYLE §3): save and discard while dirty, server results mapped onto the
 * form, the conflict message, and the unsaved-changes guard.
 */
export function TabForm<V extends FieldValues>({
  form,
  tab,
  tabLabel,
  subject = 'this tab',
  version: loadedVersion,
  save,
  children,
}: {
  form: UseFormReturn<V>;
  tab: string;
  tabLabel: string;
  /** What a conflicting save changed, for the conflict messages (other forms reuse this shell, e.g. "this user"). */
  subject?: string;
  version: number;
  save: (values: V, version: number) => Promise<FormResult<V>>;
  children: ReactNode;
}) {
  const version = useRef(loadedVersion);
  const [savedStatus, setStatus] = useState<Status>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const { isDirty, isSubmitting } = form.formState;
  const canEdit = useCanEdit();
  const guard = useLeaveGuard(isDirty);
  const setUnsavedTab = useSetUnsavedTab();

  // "Saved" describes the form as it was saved: it goes as soon as there are new edits.
  const status = isDirty && savedStatus?.kind === 'saved' ? null : savedStatus;
  useEffect(() => {
    setUnsavedTab(isDirty ? tab : null);
  }, [isDirty, tab, setUnsavedTab]);
  useEffect(() => () => setUnsavedTab(null), [setUnsavedTab]);

  async function submit(values: V): Promise<boolean> {
    setStatus(null);
    let result: FormResult<V>;
    try {
      result = await save(values, version.current);
    } catch (error) {
      const message = describeActionFailure(error, 'Not saved: the server could not be reached. Your edits are still here; try again.');
      setStatus({ kind: 'error', message });
      return false;
    }
    if (result.ok) {
      version.current = result.version;
      setConflict(null);
      form.reset(result.values);
      setStatus({ kind: 'saved', message: `${tabLabel} saved.` });
      return true;
    }
    Object.entries(result.fieldErrors ?? {}).forEach(([name, message], index) => {
      form.setError(name as Path<V>, { type: 'server', message }, { shouldFocus: index === 0 });
    });
    if (result.conflict) setConflict(result.formError ?? `Another admin saved ${subject} first.`);
    const message = result.conflict
      ? `Not saved: another admin saved ${subject} first.`
      : (result.formError ?? 'Not saved: check the highlighted fields.');
    setStatus({ kind: 'error', message });
    return false;
  }

  /** Validates with the schema, then saves; resolves whether the values are now stored. */
  const saveNow = () =>
    new Promise<boolean>((resolve) => {
      void form.handleSubmit(
        async (values) => resolve(await submit(values)),
        () => {
          setStatus({ kind: 'error', message: 'Not saved: check the highlighted fields.' });
          resolve(false);
        },
      )();
    });

  const discard = () => {
    form.reset();
    setStatus(null);
  };

  return (
    <FormProvider {...form}>
      <form
        noValidate
        aria-label={tabLabel}
        onSubmit={(event) => {
          event.preventDefault();
          void saveNow();
        }}
        className="grid gap-6 pb-24"
      >
        {conflict && (
          <div role="alert" className="rounded-md bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-300">
            <p>{conflict}</p>
            <Button
              className="mt-2"
              onClick={() => {
                guard.allowLeaving();
                window.location.reload();
              }}
            >
              Reload (discards your edits)
            </Button>
          </div>
        )}
        {errorsAtRoot(form)}
        {canEdit ? (
          children
        ) : (
          <>
            <p role="note" className="rounded-md bg-slate-100 p-3 text-sm text-slate-700">
              Read only: your role (auditor) can view {subject} but not change it.
            </p>
            <fieldset disabled className="contents">
              {children}
            </fieldset>
          </>
        )}
        {/* Slides away while there is nothing to say, but stays in the DOM so the status is announced. */}
        <div
          hidden={!canEdit}
          className={`fixed inset-x-0 bottom-0 z-30 border-t border-slate-200 bg-white/95 px-6 py-3 shadow-[0_-2px_6px_rgba(0,0,0,0.05)] backdrop-blur transition-transform ${isDirty || status ? '' : 'translate-y-full'}`}
        >
          <div className="mx-auto flex max-w-5xl items-center gap-3">
            <p
              role="status"
              aria-label="Save status"
              className={`text-sm ${status?.kind === 'error' ? 'text-red-700' : 'text-emerald-700'}`}
            >
              {status?.message}
            </p>
            {isDirty && <p className="text-sm font-medium text-amber-700">You have unsaved changes</p>}
            {isDirty && (
              <div className="ml-auto flex gap-2">
                <Button onClick={discard} disabled={isSubmitting}>
                  Discard
                </Button>
                <Button type="submit" variant="primary" disabled={isSubmitting}>
                  {isSubmitting ? 'Saving…' : 'Save'}
                </Button>
              </div>
            )}
          </div>
        </div>
      </form>
      <LeaveDialog
        open={guard.pending !== null}
        tabLabel={tabLabel}
        busy={isSubmitting}
        onStay={guard.stay}
        onDiscard={() => {
          discard();
          guard.leave();
        }}
        onSave={async () => {
          if (await saveNow()) guard.leave();
          else guard.stay();
        }}
      />
    </FormProvider>
  );
}

/** Errors that belong to the form rather than one field (the schema's path-less rules). */
function errorsAtRoot<V extends FieldValues>(form: UseFormReturn<V>) {
  const message = form.formState.errors.root?.form?.message;
  return message ? (
    <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200">
      {message}
    </p>
  ) : null;
}
