import { readFileSync } from 'node:fs';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { e2eDatabaseSnapshot } from './support/database';

type Manifest = { node: Record<string, { workers: Record<string, unknown> }> };

/** Every server action of the build, with a page path that serves it (dynamic segments filled in). */
function serverActions(): { id: string; path: string }[] {
  const manifest = JSON.parse(readFileSync(path.join('.next', 'server', 'server-reference-manifest.json'), 'utf8')) as Manifest;
  return Object.entries(manifest.node).map(([id, { workers }]) => {
    const page = Object.keys(workers)[0] ?? 'app/page';
    const route = page
      .replace(/^app/, '')
      .replace(/\/page$/, '')
      .replace(/\/\([^)]+\)/g, '')
      .replace(/\[[^\]]+\]/g, 'x');
    return { id, path: route || '/' };
  });
}

test('a server action posted from a foreign Origin is refused, even with an admin session, and nothing changes', async ({ page }) => {
  await page.goto('/realms'); // the saved administrator session
  const actions = serverActions();
  expect(actions.length).toBeGreaterThanOrEqual(20);
  const before = await e2eDatabaseSnapshot();
  for (const action of actions) {
    const response = await page.request.post(action.path, {
      headers: { 'Next-Action': action.id, Origin: 'http://evil.example', 'Content-Type': 'text/plain;charset=UTF-8' },
      data: JSON.stringify(['x', 1, { name: 'Evil realm', disabled: true, password: 'a long enough password' }]),
      maxRedirects: 0,
    });
    expect(response.status(), `${action.path} ${action.id}`).toBe(403);
  }
  expect(await e2eDatabaseSnapshot()).toEqual(before);
});
