import { type SearchParams, firstParam as first } from '@/lib/http/search-params';
import { REALM_TABS, type RealmTab } from '@/lib/realm/tabs';

import { OBJECT_TYPES, type ObjectType } from './types';

export type { SearchParams };

export const HISTORY_PAGE_SIZE = 25;

/** The history's filters, as GET query parameters (shareable links; applied on the server). */
export type HistoryFilters = {
  adminId?: string;
  realmId?: string;
  objectType?: ObjectType;
  tab?: RealmTab;
  /** Days as YYYY-MM-DD (UTC, as the console shows dates); both included. */
  from?: string;
  to?: string;
  page: number;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day (2026-02-30 is not one). */
function isDay(value: string): boolean {
  const time = DAY.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

/**
 * The filters in a query string. Anything unusable is dropped from the filter and explained in `problems`
 * (a hand-edited URL gets a message, never an error page).
 */
export function parseHistoryFilters(params: SearchParams): { filters: HistoryFilters; problems: string[] } {
  const problems: string[] = [];
  const filters: HistoryFilters = { page: 1 };
  const admin = first(params.admin);
  const realm = first(params.realm);
  if (admin && admin.length <= 64) filters.adminId = admin;
  if (realm && realm.length <= 64) filters.realmId = realm;
  const object = first(params.object);
  if (object) {
    const type = OBJECT_TYPES.find((option) => option.value === object);
    if (type) filters.objectType = type.value;
    else problems.push(`Object: "${object.slice(0, 40)}" is not one of the choices; showing every object.`);
  }
  const tab = first(params.tab);
  if (tab) {
    const known = REALM_TABS.find((option) => option.slug === tab);
    if (known) filters.tab = known.slug;
    else problems.push(`Tab: "${tab.slice(0, 40)}" is not a tab; showing every tab.`);
  }
  for (const [key, label] of [
    ['from', 'From'],
    ['to', 'To'],
  ] as const) {
    const day = first(params[key]);
    if (!day) continue;
    if (isDay(day)) filters[key] = day;
    else problems.push(`${label}: enter a date as YYYY-MM-DD; "${day.slice(0, 40)}" is ignored.`);
  }
  if (filters.from && filters.to && filters.from > filters.to) problems.push('From is after To: no change can match.');
  const page = Number(first(params.page) || '1');
  filters.page = Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
  return { filters, problems };
}

/** The dates as instants: from the start of `from` to the end of `to` (UTC). */
export function toDateRange(filters: Pick<HistoryFilters, 'from' | 'to'>): { from?: Date; to?: Date } {
  const from = filters.from ? new Date(`${filters.from}T00:00:00Z`) : undefined;
  const to = filters.to ? new Date(Date.parse(`${filters.to}T00:00:00Z`) + 24 * 60 * 60 * 1000) : undefined;
  return { from, to };
}

/** The query string of these filters (for Newer/Older links), without defaults. */
export function toHistoryQuery(filters: HistoryFilters): string {
  const params = new URLSearchParams();
  const entries: [string, string | undefined][] = [
    ['admin', filters.adminId],
    ['realm', filters.realmId],
    ['object', filters.objectType],
    ['tab', filters.tab],
    ['from', filters.from],
    ['to', filters.to],
    ['page', filters.page > 1 ? String(filters.page) : undefined],
  ];
  for (const [key, value] of entries) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `?${query}` : '';
}
