'use client';

import { type Ref, useRef, useTransition } from 'react';

import { useRouter } from 'next/navigation';

import { REDIRECT_OPTIONS } from '@/lib/realm/options';
import { type RealmListQuery, toRealmListHref } from '@/lib/realm/realm-list-params';
import { buttonClass } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';

const TYPING_PAUSE_MS = 300;

/** The filters a form holds now, as a query for the first page. */
export function readFilters(form: HTMLFormElement): RealmListQuery {
  const data = new FormData(form);
  return { text: String(data.get('q') ?? '').trim(), redirect: String(data.get('redirect') ?? ''), page: 1 };
}

/**
 * The realms list's filters: a GET form (the filtered list is a link, and works without script), applied by the
 * server. With script, the list follows the filters as they change, a moment after typing stops.
 */
export function RealmListFilters({ query, ref }: { query: RealmListQuery; ref?: Ref<HTMLFormElement> }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const typing = useRef<ReturnType<typeof setTimeout>>(undefined);
  const apply = (form: HTMLFormElement) => {
    clearTimeout(typing.current);
    startTransition(() => router.replace(toRealmListHref(readFilters(form)), { scroll: false }));
  };

  return (
    <form
      ref={ref}
      method="get"
      action="/realms"
      role="search"
      aria-label="Filter the realms"
      aria-busy={pending}
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        apply(event.currentTarget);
      }}
    >
      <div className="grid content-start gap-1">
        <label htmlFor="realm-filter" className="text-sm font-medium text-slate-700">
          Filter by name or URL
        </label>
        <input
          id="realm-filter"
          name="q"
          type="search"
          defaultValue={query.text}
          maxLength={100}
          onChange={(event) => {
            const form = event.currentTarget.form;
            clearTimeout(typing.current);
            if (form) typing.current = setTimeout(() => apply(form), TYPING_PAUSE_MS);
          }}
          className={`${inputClass} w-56`}
        />
      </div>
      <div className="grid content-start gap-1">
        <label htmlFor="realm-redirect-filter" className="text-sm font-medium text-slate-700">
          Authenticated User Redirect
        </label>
        <select
          id="realm-redirect-filter"
          name="redirect"
          defaultValue={query.redirect}
          onChange={(event) => event.currentTarget.form && apply(event.currentTarget.form)}
          className={`${inputClass} w-56`}
        >
          <option value="">Any</option>
          {REDIRECT_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass('secondary')}>
        Filter
      </button>
    </form>
  );
}
