'use client';

import { useState } from 'react';

import Link from 'next/link';

import { REDIRECT_OPTIONS, optionLabel } from '@/lib/realm/options';
import { ssoUrl } from '@/lib/http/origin';
import type { RealmListActions } from '@/lib/realm/list-actions';
import type { RealmSummary } from '@/lib/realm/realm-list-repository';
import { ListTable } from '@/components/ui/list-table';
import { Button, buttonClass } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { EditorOnly } from '@/components/console/role';

import { type RealmDialogKind, RealmDialog } from './realm-dialog';
import { ExportAllLink, ImportRealmsButton } from './realm-import';

type OpenDialog = { kind: RealmDialogKind; realm?: RealmSummary } | null;

/** The realms list: filter, create, rename, duplicate, delete, export and import. */
export function RealmList({ realms, origin, actions }: { realms: RealmSummary[]; origin: string | null; actions: RealmListActions }) {
  const [filter, setFilter] = useState('');
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [status, setStatus] = useState('');
  const shown = realms.filter((realm) => realm.name.toLowerCase().includes(filter.trim().toLowerCase()));

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <h1 className="mr-auto text-2xl font-semibold tracking-tight">Realms</h1>
        <div className="grid content-start gap-1">
          <label htmlFor="realm-filter" className="text-sm font-medium text-slate-700">
            Filter by name
          </label>
          <input
            id="realm-filter"
            type="search"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            className={`${inputClass} w-64`}
          />
        </div>
        <ExportAllLink />
        <EditorOnly>
          <ImportRealmsButton action={actions.import} onDone={setStatus} />
          <Button variant="primary" onClick={() => setDialog({ kind: 'create' })}>
            Create realm
          </Button>
        </EditorOnly>
      </div>
      <p role="status" className="text-sm text-emerald-700">
        {status}
      </p>
      <ListTable columns={['Realm', 'SSO URL', 'Authenticated User Redirect']}>
        {shown.map((realm) => (
          <tr key={realm.id} className="border-t border-slate-100">
            <th scope="row" className="px-4 py-2 text-left font-medium">
              <Link href={`/realms/${realm.id}/overview`} className="text-brand-700 hover:underline">
                {realm.name}
              </Link>
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
                  <Button variant="ghost" aria-label={`Rename ${realm.name}`} onClick={() => setDialog({ kind: 'rename', realm })}>
                    Rename
                  </Button>
                  <Button variant="ghost" aria-label={`Duplicate ${realm.name}`} onClick={() => setDialog({ kind: 'duplicate', realm })}>
                    Duplicate
                  </Button>
                  <Button variant="ghost" aria-label={`Delete ${realm.name}`} onClick={() => setDialog({ kind: 'delete', realm })}>
                    Delete
                  </Button>
                </EditorOnly>
              </div>
            </td>
          </tr>
        ))}
        {shown.length === 0 && (
          <tr>
            <td colSpan={4} className="px-4 py-6 text-center text-slate-500">
              {realms.length === 0 ? 'No realms yet. Create one to get started.' : 'No realm matches this filter.'}
            </td>
          </tr>
        )}
      </ListTable>
      {dialog && (
        <RealmDialog
          kind={dialog.kind}
          realm={dialog.realm}
          actions={actions}
          onClose={() => setDialog(null)}
          onDone={(message) => {
            setDialog(null);
            setStatus(message);
          }}
        />
      )}
    </div>
  );
}
