import 'server-only';

import type { ActiveUser } from '@/lib/directory';

import { type SsoRequest, readCookie } from './http';
import { type SsoRealm, loadSsoRealmVersion } from './realm';
import { type RequestRead, readRequest } from './request-read';
import { type SsoSession, sessionIdOf } from './session';

/**
 * Realms as their sign-in pages need them, kept in this process and keyed by the realm's configuration version
 * and signing certificate, both of which every request reads again (request-read.ts, its one query): a save on
 * any instance moves the version on, so the next request here loads the realm again. Not shared state: a cache
 * that is always checked against the database.
 */
type Entry = { version: number; realm: SsoRealm };

/** Enough for every realm of a large installation; past it, the realm loaded longest ago goes first. */
const MAX_REALMS = 2_000;
const cached = new Map<string, Entry>();

/** The session cookie's session at this realm as the request's query read it; null: no cookie or no such session. */
export type SessionRead = { session: SsoSession; localUser: ActiveUser | null } | null;

const isCurrent = (entry: Entry | undefined, read: RequestRead): entry is Entry =>
  entry !== undefined &&
  entry.version === read.version &&
  entry.realm.id === read.realmId &&
  (entry.realm.signing?.certificateId ?? null) === read.certificateId;

async function load(slug: string): Promise<Entry | undefined> {
  cached.delete(slug);
  const loaded = await loadSsoRealmVersion(slug);
  if (!loaded) return undefined;
  if (cached.size >= MAX_REALMS) cached.delete(cached.keys().next().value ?? '');
  cached.set(slug, loaded);
  return loaded;
}

async function readWith(slug: string, request: SsoRequest | null) {
  const entry = cached.get(slug);
  const cookie = entry && request ? readCookie(request, entry.realm.postAuthentication.cookieName) : undefined;
  return { entry, read: await readRequest(slug, entry ? sessionIdOf(cookie, entry.realm.id) : null) };
}

/**
 * The realm of `slug` and the request's session there (`request`: whose cookie to read), or null when there is no
 * such realm. One database round trip while the cached realm is current; when it is not, the realm is loaded
 * again and read once more (a save between the two is seen by the next request).
 */
export async function openSsoRealm(slug: string, request: SsoRequest | null): Promise<{ realm: SsoRealm; session: SessionRead } | null> {
  let { entry, read } = await readWith(slug, request);
  if (!read) {
    cached.delete(slug);
    return null;
  }
  if (!isCurrent(entry, read)) {
    if (!(await load(slug))) return null;
    ({ entry, read } = await readWith(slug, request));
    if (!entry || !read) return null;
  }
  return { realm: entry.realm, session: read.signedIn };
}

/** For tests: forget every cached realm, as a fresh process would. */
export function forgetCachedRealms(): void {
  cached.clear();
}
