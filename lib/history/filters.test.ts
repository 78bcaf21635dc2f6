import { describe, expect, test } from 'vitest';

import { parseHistoryFilters, toDateRange, toHistoryQuery } from './filters';

describe('history filters from the query string', () => {
  test('reads every filter and the page', () => {
    const { filters, problems } = parseHistoryFilters({
      admin: 'a1',
      realm: 'r1',
      object: 'certificate',
      tab: 'data',
      from: '2026-11-01',
      to: '2026-11-30',
      page: '3',
    });
    expect(problems).toEqual([]);
    expect(filters).toEqual({
      adminId: 'a1',
      realmId: 'r1',
      objectType: 'certificate',
      tab: 'data',
      from: '2026-11-01',
      to: '2026-11-30',
      page: 3,
    });
  });

  test('no parameters: everything, first page', () => {
    expect(parseHistoryFilters({})).toEqual({ filters: { page: 1 }, problems: [] });
  });

  test.each<[string, Record<string, string | string[]>, RegExp]>([
    ['an unknown object type', { object: 'planet' }, /^Object: "planet" is not one of the choices/],
    ['an unknown tab', { tab: 'settings' }, /^Tab: "settings" is not a tab/],
    ['a date that is not a day', { from: '2026-02-30' }, /^From: enter a date as YYYY-MM-DD/],
    ['a date in another format', { to: '30.11.2026' }, /^To: enter a date as YYYY-MM-DD/],
    ['From after To', { from: '2026-12-01', to: '2026-11-01' }, /^From is after To/],
  ])('drops %s and says why', async (_case, params, message) => {
    const { filters, problems } = parseHistoryFilters(params);
    expect(problems).toEqual([expect.stringMatching(message)]);
    expect(Object.keys(filters).length).toBeLessThanOrEqual(3);
  });

  test.each(['0', '-1', '1.5', 'x', '1e9'])('a page of %s is the first page', (page) => {
    expect(parseHistoryFilters({ page }).filters.page).toBe(1);
  });

  test('repeated parameters use the first value', () => {
    expect(parseHistoryFilters({ admin: ['a1', 'a2'] }).filters.adminId).toBe('a1');
  });

  test('From and To include both whole days (UTC)', () => {
    expect(toDateRange({ from: '2026-11-01', to: '2026-11-30' })).toEqual({
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-12-01T00:00:00Z'),
    });
  });

  test('Newer/Older links keep the filters', () => {
    expect(toHistoryQuery({ adminId: 'a 1', objectType: 'realm', from: '2026-11-01', page: 2 })).toBe(
      '?admin=a+1&object=realm&from=2026-11-01&page=2',
    );
    expect(toHistoryQuery({ page: 1 })).toBe('');
  });
});
