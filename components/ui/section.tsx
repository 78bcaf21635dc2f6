import type { ReactNode } from 'react';

/** A titled group of fields: a fieldset, so screen readers announce the section with each field. */
export function Section({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <legend className="float-left mb-1 w-full text-base font-semibold text-slate-900">{title}</legend>
      {description && <div className="clear-left mb-4 text-sm text-slate-600">{description}</div>}
      <div className="clear-left grid gap-4 sm:grid-cols-2">{children}</div>
    </fieldset>
  );
}
