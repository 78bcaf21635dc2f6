'use client';

import Link from 'next/link';
import { useSelectedLayoutSegment } from 'next/navigation';

import { REALM_TABS } from '@/lib/realm/tabs';

import { useUnsavedTab } from './unsaved-tab';

/** The realm's own history, at the end of the tab bar: a plain link (the unsaved-changes guard asks as for any link). */
const HISTORY = Object.freeze({ slug: 'history', label: 'History' });

/** The realm's tab bar: one route per tab, then History; the tab with unsaved changes carries a marker. */
export function RealmTabs({ realmId }: { realmId: string }) {
  const current = useSelectedLayoutSegment();
  const unsaved = useUnsavedTab();
  return (
    <nav aria-label="Realm tabs" className="border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-1">
        {[...REALM_TABS, HISTORY].map((tab) => {
          const active = tab.slug === current;
          return (
            <li key={tab.slug}>
              <Link
                href={`/realms/${realmId}/${tab.slug}`}
                aria-current={active ? 'page' : undefined}
                className={`inline-block border-b-2 px-3 py-2 text-sm font-medium ${active ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900'}`}
              >
                {tab.label}
                {unsaved === tab.slug && (
                  <span className="ml-1 text-amber-600" title="Unsaved changes">
                    ●<span className="sr-only"> (unsaved changes)</span>
                  </span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
