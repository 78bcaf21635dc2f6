import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';

import { db } from '@/lib/db';
import { signInAsTestAdmin, signOutTestRequest } from '@/test/admin-session';
import { databaseSnapshot } from '@/test/database-snapshot';

/**
 * Every server action, route handler and page of the console, found in the code (so a new one cannot be
 * forgotten), asked for without a session and, for changes, with an auditor's session: each is refused and
 * the database is unchanged. The few public entry points are listed by name.
 */
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

const APP = path.resolve(import.meta.dirname);
/** Reached without a session on purpose: sign-in itself, sign-out, and the end-user SSO routes. */
const PUBLIC_ACTIONS = new Set(['login/actions.ts#signInAction', '(console)/actions.ts#signOutAction']);
/** Allowed to auditors: changing your own password changes no configuration. */
const ANY_ROLE_ACTIONS = new Set(['(console)/account/actions.ts#changeOwnPasswordAction']);
/** The end-user SSO routes, and the load balancers' health checks (they reveal nothing and change nothing). */
const isPublicRoute = (file: string) => file.startsWith('sso/') || ['healthz/route.ts', 'readyz/route.ts'].includes(file);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [path.relative(APP, full)];
  });
}

const FILES = filesUnder(APP).filter((file) => !file.endsWith('.test.ts'));
const isServerActionFile = (file: string) => /^\s*['"]use server['"]/.test(readFileSync(path.join(APP, file), 'utf8'));

async function exportedFunctions(file: string): Promise<[string, (...args: unknown[]) => unknown][]> {
  const exported = (await import(/* @vite-ignore */ path.join(APP, file))) as Record<string, unknown>;
  return Object.entries(exported).filter((entry): entry is [string, (...args: unknown[]) => unknown] => typeof entry[1] === 'function');
}

/** Calls an entry point and says how it ended: a redirect to /login, a refusal, or something else. */
async function outcomeOf(call: () => unknown): Promise<string> {
  try {
    const result: unknown = await call();
    if (result instanceof Response) return `response ${result.status}`;
    const refusal = result as { ok?: boolean; formError?: string; message?: string } | null;
    return refusal?.ok === false ? `refused: ${refusal.formError ?? refusal.message}` : `allowed: ${JSON.stringify(result)}`;
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? '';
    return digest.startsWith('NEXT_REDIRECT') ? `redirect ${digest.split(';')[2]}` : `threw ${String(error)}`;
  }
}

// Arguments of every shape the actions take: ids, versions, form values, FormData.
const ARGUMENTS = ['some-id', 1, { name: 'x', disabled: true, password: 'a long enough password', to: 'a@example.com' }];
const ROUTE_CONTEXT = { params: Promise.resolve({ realmId: 'x', certificateId: 'x', userId: 'x', realm: 'x' }) };

const actions: { id: string; call: () => unknown }[] = [];
const routes: { id: string; call: () => unknown }[] = [];
const pages: { id: string; call: () => unknown }[] = [];

beforeAll(async () => {
  for (const file of FILES.filter((name) => name.endsWith('.ts') && isServerActionFile(name))) {
    for (const [name, fn] of await exportedFunctions(file)) actions.push({ id: `${file}#${name}`, call: () => fn(...ARGUMENTS) });
  }
  for (const file of FILES.filter((name) => name.endsWith('/route.ts') && !isPublicRoute(name))) {
    for (const [name, fn] of await exportedFunctions(file)) {
      routes.push({ id: `${file}#${name}`, call: () => fn(new Request('http://127.0.0.1/x', { method: name }), ROUTE_CONTEXT) });
    }
  }
  for (const file of FILES.filter((name) => name.startsWith('(console)/') && /\/(page|layout)\.tsx$/.test(name))) {
    const [, render] = (await exportedFunctions(file)).find(([name]) => name === 'default') ?? [];
    if (render)
      pages.push({ id: file, call: () => render({ params: ROUTE_CONTEXT.params, searchParams: Promise.resolve({}), children: null }) });
  }
  // Something to change for the auditor run: a realm, a user, a certificate exist (the demo seed is not run here).
  await signInAsTestAdmin();
});

afterAll(() => signOutTestRequest());

describe('the console refuses every entry point', () => {
  test('finds the entry points in the code', () => {
    expect(actions.length).toBeGreaterThanOrEqual(20);
    expect(routes.length).toBeGreaterThanOrEqual(2);
    expect(pages.length).toBeGreaterThanOrEqual(10);
    expect(actions.map((action) => action.id)).toEqual(expect.arrayContaining([...PUBLIC_ACTIONS, ...ANY_ROLE_ACTIONS]));
  });

  test('without a session: actions, route handlers and pages go to /login, and nothing changes', async () => {
    signOutTestRequest();
    const before = await databaseSnapshot(db);
    const outcomes = [];
    for (const entry of [...actions.filter((action) => !PUBLIC_ACTIONS.has(action.id)), ...routes, ...pages]) {
      outcomes.push([entry.id, await outcomeOf(entry.call)]);
    }
    expect(outcomes.filter(([, outcome]) => !outcome?.startsWith('redirect /login'))).toEqual([]);
    expect(await databaseSnapshot(db)).toEqual(before);
  });

  test("with an auditor's session: every action that changes something is refused, and nothing changes", async () => {
    await signInAsTestAdmin('auditor');
    const before = await databaseSnapshot(db);
    const outcomes = [];
    for (const entry of actions.filter((action) => !PUBLIC_ACTIONS.has(action.id) && !ANY_ROLE_ACTIONS.has(action.id))) {
      outcomes.push([entry.id, await outcomeOf(entry.call)]);
    }
    expect(outcomes.filter(([, outcome]) => !outcome?.includes('auditor'))).toEqual([]);
    expect(await databaseSnapshot(db)).toEqual(before);
  });
});
