'use client';

import { useRef, useState } from 'react';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useRouter } from 'next/navigation';

import { ssoUrl } from '@/lib/http/origin';
import { REDIRECT_OPTIONS, optionLabel } from '@/lib/realm/options';
import type { RealmListActions } from '@/lib/realm/list-actions';
import { REALM_PAGE_SIZE, type RealmListQuery, toRealmListHref } from '@/lib/realm/realm-list-params';
import type { RealmListPage, RealmListRow } from '@/lib/realm/realm-list-query';
import type { RealmSummary } from '@/lib/realm/realm-list-repository';
import type { RealmTemplate } from '@/lib/realm/template-schema';
import { Button, buttonClass } from '@/components/ui/button';
import { ListTable } from '@/components/ui/list-table';
import { EditorOnly } from '@/components/console/role';

import type { RealmDialogKind } from './realm-dialog';
import { ExportAllLink, ImportRealmsButton } from './realm-import';
import { RealmListFilters, readFilters } from './realm-list-filters';

type OpenDialog = { kind: RealmDialogKind; realm?: RealmSummary } | null;

// The dialogs' forms (react-hook-form, zod and the schemas) load when one opens: the list itself needs none of it.
const RealmDialog = dynamic(() => import('./realm-dialog').then((module) => module.RealmDialog), { ssr: false });

const ROW_ACTIONS = Object.freeze([
  { kind: 'rename', label: 'Rename' },
  { kind: 'duplicate', label: 'Duplicate' },
  { kind: 'delete', label: 'Delete' },
] as const);

function RealmRow({ realm, origin, open }: { realm: RealmListRow; origin: string | null; open: (dialog: OpenDialog) => void }) {
  return (
    <tr className="border-t border-slate-100">
      <th scope="row" className="px-4 py-2 text-left font-medium">
        <Link href={`/realms/${realm.id}/overview`} className="text-brand-700 hover:underline">
          {realm.name}
        </Link>
        {realm.certificateWarning && (
          <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-normal text-amber-800" title={realm.certificateWarning}>
            Certificate expires soon<span className="sr-only">: {realm.certificateWarning}</span>
          </span>
        )}
      </th>
      <td className="px-4 py-2">
        <code className="text-xs">{ssoUrl(origin, realm.slug)}</code>
      </td>
      <td className="px-4 py-2">{optionLabel(REDIRECT_OPTIONS, realm.redirect)}</td>
      <td className="px-4 py-2">
        <div className="flex justify-end gap-1">
          <a
            href={`/realms/export?realm=${encodeURIComponent(realm.id)}`}
            download
            aria-label={`Export ${realm.name}`}
            className={buttonClass('ghost')}
          >
            Export
          </a>
          <EditorOnly>
            {ROW_ACTIONS.map(({ kind, label }) => (
              <Button key={kind} variant="ghost" aria-label={`${label} ${realm.name}`} onClick={() => open({ kind, realm })}>
                {label}
              </Button>
            ))}
          </EditorOnly>
        </div>
      </td>
    </tr>
  );
}

/** Which realms of how many this page shows, and links to the pages before and after, keeping the filters. */
function RealmPagination({ page }: { page: RealmListPage }) {
  const { query, total, pageCount } = page;
  const to = (number: number) => toRealmListHref({ ...query, page: number });
  const first = (query.page - 1) * REALM_PAGE_SIZE + 1;
  const last = Math.min(total, query.page * REALM_PAGE_SIZE);
  return (
    <nav aria-label="Realm pages" className="flex items-center gap-4 text-sm">
      {query.page > 1 && (
        <Link href={to(query.page - 1)} className="text-brand-700 hover:underline">
          ← Previous
        </Link>
      )}
      <span className="text-slate-600">
        {total === 0 ? 'No realms' : `Realms ${first.toLocaleString('en')}–${last.toLocaleString('en')} of ${total.toLocaleString('en')}`}
        {pageCount > 1 && ` · page ${query.page} of ${pageCount.toLocaleString('en')}`}
      </span>
      {query.page < pageCount && (
        <Link href={to(query.page + 1)} className="text-brand-700 hover:underline">
          Next →
        </Link>
      )}
    </nav>
  );
}

/** The realms list: one page of realms, filtered on the server; create, rename, duplicate, delete, export and import. */
export function RealmList({
  page,
  origin,
  actions,
  templates,
}: {
  page: RealmListPage;
  origin: string | null;
  actions: RealmListActions;
  /** What "Create realm" offers besides a blank realm. */
  templates: RealmTemplate[];
}) {
  const router = useRouter();
  const filters = useRef<HTMLFormElement>(null);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [status, setStatus] = useState('');
  const filtered = page.query.text !== '' || page.query.redirect !== '';

  /** After a create, rename or copy: the list filtered to that realm, wherever its name sorts among thousands. */
  const showRealm = (name: string) => {
    const form = filters.current;
    const input = form?.elements.namedItem('q');
    if (input instanceof HTMLInputElement) input.value = name;
    const query: RealmListQuery = form ? { ...readFilters(form), text: name } : { text: name, redirect: '', page: 1 };
    router.replace(toRealmListHref(query), { scroll: false });
  };

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <h1 className="mr-auto text-2xl font-semibold tracking-tight">Realms</h1>
        <RealmListFilters ref={filters} query={page.query} />
        <ExportAllLink />
        <EditorOnly>
          <ImportRealmsButton action={actions.import} onDone={setStatus} />
          <Button variant="primary" onClick={() => setDialog({ kind: 'create' })}>
            Create realm
          </Button>
        </EditorOnly>
      </div>
      {page.problems.length > 0 && (
        <ul role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-300">
          {page.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <p role="status" className="text-sm text-emerald-700">
        {status}
      </p>
      <ListTable columns={['Realm', 'SSO URL', 'Authenticated User Redirect']}>
        {page.realms.map((realm) => (
          <RealmRow key={realm.id} realm={realm} origin={origin} open={setDialog} />
        ))}
        {page.realms.length === 0 && (
          <tr>
            <td colSpan={4} className="px-4 py-6 text-center text-slate-500">
              {filtered ? 'No realm matches this filter.' : 'No realms yet. Create one to get started.'}
            </td>
          </tr>
        )}
      </ListTable>
      <RealmPagination page={page} />
      {dialog && (
        <RealmDialog
          kind={dialog.kind}
          realm={dialog.realm}
          actions={actions}
          templates={templates}
          onClose={() => setDialog(null)}
          onDone={(message, name) => {
            setDialog(null);
            setStatus(message);
            if (name) showRealm(name);
          }}
        />
      )}
    </div>
  );
}
