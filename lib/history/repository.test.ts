import { beforeAll, describe, expect, test, vi } from 'vitest';

import { db } from '@/lib/db';
import { TEST_ADMIN } from '@/test/admin';

import { HISTORY_PAGE_SIZE } from './filters';
import { listChangeRecords, listHistoryChoices, loadChangeRecord, recordChange } from './repository';

const OTHER = { id: 'other-admin', username: 'other' };

/** Records at fixed times: 30 certificate changes by TEST_ADMIN in November, 2 realm changes by OTHER on 1 December. */
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  for (let day = 1; day <= 30; day += 1) {
    vi.setSystemTime(new Date(`2026-11-${String(day).padStart(2, '0')}T12:00:00Z`));
    await db.$transaction((tx) =>
      recordChange(tx, TEST_ADMIN, {
        objectType: 'certificate',
        objectId: `c${day}`,
        objectName: `Cert ${day}`,
        action: 'generate',
        changes: [],
      }),
    );
  }
  vi.setSystemTime(new Date('2026-12-01T08:00:00Z'));
  for (const name of ['Alpha', 'Beta']) {
    await db.$transaction((tx) =>
      recordChange(tx, OTHER, {
        objectType: 'realm',
        objectId: `realm-${name}`,
        objectName: name,
        realmId: `realm-${name}`,
        tab: 'workflow',
        action: 'save',
        changes: [{ field: 'lockoutMinutes', label: 'Lockout Minutes', before: '15', after: '20' }],
        snapshot: { before: { lockoutMinutes: 15 }, after: { lockoutMinutes: 20 } },
      }),
    );
  }
  vi.useRealTimers();
});

describe('the change history, filtered and paginated on the server', () => {
  test('newest first, 25 to a page, then the older ones', async () => {
    const first = await listChangeRecords({ page: 1 });
    expect(first.records).toHaveLength(HISTORY_PAGE_SIZE);
    expect(first.hasOlder).toBe(true);
    expect(first.records.slice(0, 3).map((record) => record.objectName)).toEqual(['Beta', 'Alpha', 'Cert 30']);
    const second = await listChangeRecords({ page: 2 });
    expect(second.records.map((record) => record.objectName)).toEqual([
      'Cert 7',
      'Cert 6',
      'Cert 5',
      'Cert 4',
      'Cert 3',
      'Cert 2',
      'Cert 1',
    ]);
    expect(second.hasOlder).toBe(false);
  });

  test.each<[string, object, number]>([
    ['admin', { adminId: OTHER.id }, 2],
    ['realm', { realmId: 'realm-Alpha' }, 1],
    ['object type', { objectType: 'realm' }, 2],
    ['tab', { tab: 'workflow' }, 2],
    ['from and to, both days included', { from: '2026-11-10', to: '2026-11-12' }, 3],
    ['from only', { from: '2026-11-30' }, 3],
    ['to only', { to: '2026-11-02' }, 2],
  ])('filters by %s', async (_case, filters, count) => {
    const { records } = await listChangeRecords({ ...filters, page: 1 });
    expect(records).toHaveLength(count);
  });

  test('a record comes back as it was stored, with the values restore needs', async () => {
    const [latest] = (await listChangeRecords({ page: 1 })).records;
    const record = await loadChangeRecord(latest?.id ?? 0);
    expect(record).toMatchObject({
      admin: OTHER,
      objectType: 'realm',
      objectName: 'Beta',
      tab: 'workflow',
      action: 'save',
      createdAt: new Date('2026-12-01T08:00:00Z'),
      changes: [{ field: 'lockoutMinutes', label: 'Lockout Minutes', before: '15', after: '20' }],
      snapshot: { before: { lockoutMinutes: 15 }, after: { lockoutMinutes: 20 } },
    });
    expect(await loadChangeRecord(123_456)).toBeNull();
  });

  test('the filters offer the admins and realms found in the history', async () => {
    expect(await listHistoryChoices()).toEqual({
      admins: [OTHER, { id: TEST_ADMIN.id, username: TEST_ADMIN.username }],
      realms: [
        { id: 'realm-Alpha', name: 'Alpha' },
        { id: 'realm-Beta', name: 'Beta' },
      ],
    });
    // One realm's history filters by tab: it asks for the admins alone.
    expect(await listHistoryChoices({ withRealms: false })).toEqual({
      admins: [OTHER, { id: TEST_ADMIN.id, username: TEST_ADMIN.username }],
      realms: [],
    });
  });
});
