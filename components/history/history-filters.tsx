import Link from 'next/link';

import type { HistoryFilters } from '@/lib/history/filters';
import { OBJECT_TYPES } from '@/lib/history/types';
import type { Actor } from '@/lib/history/types';
import { REALM_TABS } from '@/lib/realm/tabs';
import { buttonClass } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';

type Choice = { value: string; label: string };

function FilterSelect({
  name,
  label,
  value,
  all,
  choices,
}: {
  name: string;
  label: string;
  value?: string;
  all: string;
  choices: Choice[];
}) {
  return (
    <div className="grid content-start gap-1">
      <label htmlFor={`history-${name}`} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <select id={`history-${name}`} name={name} defaultValue={value ?? ''} className={`${inputClass} w-48`}>
        <option value="">{all}</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function DateInput({ name, label, value }: { name: 'from' | 'to'; label: string; value?: string }) {
  return (
    <div className="grid content-start gap-1">
      <label htmlFor={`history-${name}`} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <input id={`history-${name}`} type="date" name={name} defaultValue={value ?? ''} className={`${inputClass} w-40`} />
    </div>
  );
}

/**
 * The history's filters: a plain GET form, so the filtered list is a link to share and works without script.
 * One realm's history (`realmScoped`) filters by tab instead of realm and object type.
 */
export function HistoryFilterForm({
  action,
  filters,
  admins,
  realms,
  realmScoped,
}: {
  action: string;
  filters: HistoryFilters;
  admins: Actor[];
  realms: { id: string; name: string }[];
  realmScoped: boolean;
}) {
  return (
    <form method="get" action={action} role="search" aria-label="Filter the history" className="flex flex-wrap items-end gap-4">
      <FilterSelect
        name="admin"
        label="Admin"
        value={filters.adminId}
        all="All admins"
        choices={admins.map((admin) => ({ value: admin.id, label: admin.username }))}
      />
      {realmScoped ? (
        <FilterSelect
          name="tab"
          label="Tab"
          value={filters.tab}
          all="All changes"
          choices={REALM_TABS.map((tab) => ({ value: tab.slug, label: tab.label }))}
        />
      ) : (
        <>
          <FilterSelect
            name="realm"
            label="Realm"
            value={filters.realmId}
            all="All realms"
            choices={realms.map((realm) => ({ value: realm.id, label: realm.name }))}
          />
          <FilterSelect name="object" label="Object" value={filters.objectType} all="All objects" choices={[...OBJECT_TYPES]} />
        </>
      )}
      <DateInput name="from" label="From" value={filters.from} />
      <DateInput name="to" label="To" value={filters.to} />
      <button type="submit" className={buttonClass('primary')}>
        Filter
      </button>
      <Link href={action} className={buttonClass('ghost')}>
        Clear filters
      </Link>
    </form>
  );
}
