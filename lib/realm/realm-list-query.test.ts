import { beforeAll, describe, expect, test } from 'vitest';

import { db } from '@/lib/db';
import type { SearchParams } from '@/lib/http/search-params';

import { REALM_PAGE_SIZE, type RealmListQuery, parseRealmListQuery, toRealmListHref } from './realm-list-params';
import { listRealmPage } from './realm-list-query';
import { createRealm } from './realm-list-repository';
import { TEST_ADMIN } from '@/test/admin';

const MANY = REALM_PAGE_SIZE * 2 + 7;
const names = (page: Awaited<ReturnType<typeof listRealmPage>>) => page.realms.map((realm) => realm.name);

beforeAll(async () => {
  // Numbered with leading zeros, so that name order is number order.
  for (let n = 1; n <= MANY; n += 1) await createRealm(TEST_ADMIN, `Tenant ${String(n).padStart(3, '0')}`);
  await createRealm(TEST_ADMIN, '100% Pure_Gold');
  await createRealm(TEST_ADMIN, '1000 Pure Gold');
  await createRealm(TEST_ADMIN, 'Back\\slash');
  await createRealm(TEST_ADMIN, 'SAML Partner', (defaults) => ({
    ...defaults,
    'post-authentication': { ...defaults['post-authentication'], redirect: 'saml-idp-initiated' },
  }));
}, 60_000);

describe('the realms list page', () => {
  test('shows the realms a page at a time, by name, with the count of them all', async () => {
    const first = await listRealmPage({});
    expect(first.total).toBe(MANY + 4);
    expect(first.pageCount).toBe(3);
    expect(first.realms).toHaveLength(REALM_PAGE_SIZE);
    expect(names(first).slice(0, 4)).toEqual(['100% Pure_Gold', '1000 Pure Gold', 'Back\\slash', 'SAML Partner']);
    const third = await listRealmPage({ page: '3' });
    expect(third.realms).toHaveLength(MANY + 4 - 2 * REALM_PAGE_SIZE);
    expect(names(third).at(-1)).toBe(`Tenant ${MANY}`);
  });

  test('a page past the end shows the last page', async () => {
    const page = await listRealmPage({ page: '999' });
    expect(page.query.page).toBe(3);
    expect(names(page).at(-1)).toBe(`Tenant ${MANY}`);
  });

  test('filters by part of the name, ignoring case, and counts what matches', async () => {
    const page = await listRealmPage({ q: 'TENANT 10' });
    expect(names(page)).toEqual([
      'Tenant 100',
      'Tenant 101',
      'Tenant 102',
      'Tenant 103',
      'Tenant 104',
      'Tenant 105',
      'Tenant 106',
      'Tenant 107',
    ]);
    expect(page.total).toBe(8);
    expect(page.pageCount).toBe(1);
  });

  test('filters by part of the realm URL (slug)', async () => {
    const slug = (await db.realm.findFirstOrThrow({ where: { name: 'Tenant 042' } })).slug;
    expect(names(await listRealmPage({ q: slug }))).toEqual(['Tenant 042']);
  });

  test.each([
    ['%', ['100% Pure_Gold']],
    ['_', ['100% Pure_Gold']],
    ['0% pure_', ['100% Pure_Gold']],
    ['\\', ['Back\\slash']],
  ])('takes %s in the filter literally, never as a wildcard', async (text, expected) => {
    expect(names(await listRealmPage({ q: text }))).toEqual(expected);
  });

  test('filters by Authenticated User Redirect, with the text filter too', async () => {
    expect(names(await listRealmPage({ redirect: 'saml-idp-initiated' }))).toEqual(['SAML Partner']);
    expect((await listRealmPage({ redirect: 'none' })).total).toBe(MANY + 3);
    expect((await listRealmPage({ redirect: 'saml-idp-initiated', q: 'tenant' })).total).toBe(0);
  });
});

describe('the realms list query string', () => {
  test.each<[string, SearchParams, RealmListQuery, RegExp[]]>([
    ['nothing', {}, { text: '', redirect: '', page: 1 }, []],
    ['every filter', { q: ' pay ', redirect: 'none', page: '2' }, { text: 'pay', redirect: 'none', page: 2 }, []],
    ['a repeated parameter (the first counts)', { q: ['a', 'b'] }, { text: 'a', redirect: '', page: 1 }, []],
    ['a very long text, cut to a name’s length', { q: 'x'.repeat(500) }, { text: 'x'.repeat(100), redirect: '', page: 1 }, []],
    [
      'an unknown redirect',
      { redirect: '<script>' },
      { text: '', redirect: '', page: 1 },
      [/Redirect: "<script>" is not one of the choices/],
    ],
    ['a page that is not a number', { page: 'two' }, { text: '', redirect: '', page: 1 }, [/Page: "two" is not a page number/]],
    ['page zero', { page: '0' }, { text: '', redirect: '', page: 1 }, [/Page: "0"/]],
    ['a huge page', { page: '1'.repeat(30) }, { text: '', redirect: '', page: 1 }, [/is not a page number/]],
  ])('reads %s', (_case, params, query, problems) => {
    const parsed = parseRealmListQuery(params);
    expect(parsed.query).toEqual(query);
    expect(parsed.problems).toHaveLength(problems.length);
    problems.forEach((problem, index) => expect(parsed.problems[index]).toMatch(problem));
  });
});

test.each([
  [{ text: '', redirect: '', page: 1 }, '/realms'],
  [{ text: 'a&b c', redirect: 'none', page: 3 }, '/realms?q=a%26b+c&redirect=none&page=3'],
])('links to the list filtered as %o', (query, href) => {
  expect(toRealmListHref(query)).toBe(href);
  expect(parseRealmListQuery(Object.fromEntries(new URL(href, 'http://x').searchParams)).query).toEqual(query);
});
