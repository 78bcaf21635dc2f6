import 'server-only';

import { cache } from 'react';

import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';

import { ForbiddenError } from '@/lib/errors';

import { resolveSession } from './sessions';

/** administrator: does everything; auditor: sees every page and the history, changes nothing. */
export type AdminRole = 'administrator' | 'auditor';

export type Admin = { id: string; username: string; role: AdminRole };

/** Set by Realmgate's server (scripts/server.mjs) from the request line: where to come back after signing in. */
export const REQUEST_PATH_HEADER = 'x-realmgate-request-path';

const CONSOLE_PATH = /^\/(realms|directory|certificates|history|admins|account)(\/|\?|$)/;

/**
 * The admin session cookie. With an https public URL it is Secure and `__Host-` prefixed (bound to this host,
 * path / and https); on a plain-http install (loopback, tests) browsers would drop a Secure cookie.
 */
export function adminCookie(env: Record<string, string | undefined> = process.env): { name: string; secure: boolean } {
  const secure = /^https:\/\//i.test(env.REALMGATE_PUBLIC_URL?.trim() ?? '');
  return { name: secure ? '__Host-realmgate_admin' : 'realmgate_admin', secure };
}

/** `next` after signing in: only ever a console path of this server, never another site or an /sso page. */
export function safeNextPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2048) return '/realms';
  let url: URL;
  try {
    url = new URL(value, 'http://console.invalid');
  } catch {
    return '/realms';
  }
  url.searchParams.delete('_rsc');
  const path = `${url.pathname}${url.search}`;
  return url.origin === 'http://console.invalid' && value.startsWith('/') && CONSOLE_PATH.test(path) ? path : '/realms';
}

/**
 * The signed-in admin of this request, or null. Read once per page render: the console layout, a realm's layout
 * and the page each ask (React's cache() lasts one server render; elsewhere, in actions and route handlers, every
 * call reads the session again).
 */
export const currentAdmin = cache(async (): Promise<Admin | null> => {
  return resolveSession((await cookies()).get(adminCookie().name)?.value, new Date());
});

/**
 * The one place every console page, server action and route handler asks for an admin session. Without one
 * the request goes to /login (and comes back afterwards); pass 'administrator' for anything that changes
 * state, so an auditor is refused on the server whatever their browser sends.
 */
export async function requireAdmin(role?: 'administrator'): Promise<Admin> {
  const admin = await currentAdmin();
  if (!admin) {
    const next = safeNextPath((await headers()).get(REQUEST_PATH_HEADER));
    return redirect(`/login?next=${encodeURIComponent(next)}`);
  }
  if (role === 'administrator' && admin.role !== 'administrator') throw new ForbiddenError();
  return admin;
}
