import { describe, expect, test } from 'vitest';

import { ForbiddenError } from '@/lib/errors';
import { signInAsTestAdmin, signOutTestRequest } from '@/test/admin-session';
import { setTestRequest } from '@/test/next-request';

import { REQUEST_PATH_HEADER, requireAdmin, safeNextPath } from './admin';

/** What redirect() threw: Next's redirect error carries its target in the digest. */
async function redirectOf(work: Promise<unknown>): Promise<string> {
  const error: unknown = await work.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  const digest = (error as { digest?: string } | null)?.digest ?? '';
  if (!digest.startsWith('NEXT_REDIRECT')) throw new Error(`expected a redirect, got ${String(error)}`);
  return digest.split(';')[2] ?? '';
}

describe('requireAdmin', () => {
  test('without a session, sends the request to /login and back to the page it asked for', async () => {
    signOutTestRequest();
    setTestRequest({ headers: { [REQUEST_PATH_HEADER]: '/realms/abc/overview?_rsc=1x' } });
    expect(await redirectOf(requireAdmin())).toBe('/login?next=%2Frealms%2Fabc%2Foverview');
    expect(await redirectOf(requireAdmin('administrator'))).toMatch(/^\/login\?/);
  });

  test('with a forged or unknown session cookie, also to /login', async () => {
    setTestRequest({ cookies: { realmgate_admin: 'not-a-session' } });
    expect(await redirectOf(requireAdmin())).toBe('/login?next=%2Frealms');
  });

  test('lets an auditor look, and refuses them any change', async () => {
    const auditor = await signInAsTestAdmin('auditor');
    expect(await requireAdmin()).toEqual(auditor);
    await expect(requireAdmin('administrator')).rejects.toBeInstanceOf(ForbiddenError);
  });

  test('lets an administrator change things', async () => {
    const administrator = await signInAsTestAdmin('administrator');
    expect(await requireAdmin('administrator')).toEqual(administrator);
  });
});

describe('the page to return to after signing in', () => {
  test.each([
    ['/realms/abc/post-authentication', '/realms/abc/post-authentication'],
    ['/directory?q=jo', '/directory?q=jo'],
    ['/history', '/history'],
    ['https://evil.example/realms', '/realms'],
    ['//evil.example/realms', '/realms'],
    ['/\\evil.example', '/realms'],
    ['/sso/mimecast-personal-portal', '/realms'],
    ['/login', '/realms'],
    ['javascript:alert(1)', '/realms'],
    ['/realmsX', '/realms'],
    ['', '/realms'],
  ])('%s → %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});
