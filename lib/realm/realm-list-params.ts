import { type SearchParams, firstParam } from '@/lib/http/search-params';
import { REDIRECT_OPTIONS } from '@/lib/realm/options';

/**
 * The realms list's filters, as GET query parameters (shareable links, applied on the server so that the page
 * stays small and quick with thousands of realms): `q` (part of the name or of the realm URL's slug), `redirect`
 * (Authenticated User Redirect) and `page`. The query itself is realm-list-query.ts.
 */

export const REALM_PAGE_SIZE = 50;

export type RealmListQuery = { text: string; redirect: string; page: number };

const MAX_TEXT = 100; // a realm name's own limit

/** The filters in a query string; anything unusable is dropped and explained, never an error page. */
export function parseRealmListQuery(params: SearchParams): { query: RealmListQuery; problems: string[] } {
  const problems: string[] = [];
  const text = firstParam(params.q).slice(0, MAX_TEXT);
  let redirect = firstParam(params.redirect);
  if (redirect && !REDIRECT_OPTIONS.some((option) => option.value === redirect)) {
    problems.push(`Authenticated User Redirect: "${redirect.slice(0, 40)}" is not one of the choices; showing every redirect.`);
    redirect = '';
  }
  const pageText = firstParam(params.page);
  const page = /^[1-9]\d{0,5}$/.test(pageText) ? Number(pageText) : 1;
  if (pageText && String(page) !== pageText)
    problems.push(`Page: "${pageText.slice(0, 20)}" is not a page number; showing the first page.`);
  return { query: { text, redirect, page }, problems };
}

/** The list's address for a query: only what differs from the defaults, so that the plain list is /realms. */
export function toRealmListHref({ text, redirect, page }: RealmListQuery): string {
  const params = new URLSearchParams();
  if (text) params.set('q', text);
  if (redirect) params.set('redirect', redirect);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/realms?${query}` : '/realms';
}
