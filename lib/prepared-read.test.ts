import { describe, expect, test } from 'vitest';

import { db } from '@/lib/db';

import { preparedRead, sqliteFileOf } from './prepared-read';

describe('a prepared read (lib/prepared-read.ts)', () => {
  test("sees what Prisma wrote at once, on either engine's connection", async () => {
    const read = preparedRead('realmgate_test_system_state', 'SELECT "value" FROM "SystemState" WHERE "key" = $1');
    expect(await read.run('prepared-read-test')).toBeUndefined();
    await db.systemState.create({ data: { key: 'prepared-read-test', value: 'one' } });
    expect((await read.run('prepared-read-test'))?.value).toBe('one');
    await db.systemState.update({ where: { key: 'prepared-read-test' }, data: { value: 'two' } });
    expect((await read.run('prepared-read-test'))?.value).toBe('two');
  });

  test('reads every row, typed, in the order the statement gives', async () => {
    const read = preparedRead(
      'realmgate_test_system_state_all',
      'SELECT "key", "updatedAt" FROM "SystemState" WHERE "key" LIKE $1 ORDER BY "key"',
      { dates: ['updatedAt'] },
    );
    expect(await read.all('prepared-read-all-%')).toEqual([]);
    const [b, a] = [
      await db.systemState.create({ data: { key: 'prepared-read-all-b', value: 'x' } }),
      await db.systemState.create({ data: { key: 'prepared-read-all-a', value: 'x' } }),
    ];
    expect(await read.all('prepared-read-all-%')).toEqual([
      { key: a.key, updatedAt: a.updatedAt },
      { key: b.key, updatedAt: b.updatedAt },
    ]);
  });

  test('reads a time as Prisma wrote it, in any time zone of the server', async () => {
    const read = preparedRead('realmgate_test_system_state_time', 'SELECT "updatedAt" FROM "SystemState" WHERE "key" = $1', {
      dates: ['updatedAt'],
    });
    const written = await db.systemState.create({ data: { key: 'prepared-read-time', value: 'x' } });
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect((await read.run('prepared-read-time'))?.updatedAt).toEqual(written.updatedAt);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  test.each([
    ['file:data/realmgate.db', 'data/realmgate.db'],
    ['file:/var/lib/realmgate/realmgate.db', '/var/lib/realmgate/realmgate.db'],
    ['file:///var/lib/realmgate/realmgate.db', '/var/lib/realmgate/realmgate.db'],
    ['file:/tmp/a%20b.db', '/tmp/a b.db'],
  ])('reads the SQLite file of %s as libsql does', (url, file) => {
    expect(sqliteFileOf(url)).toBe(file);
  });
});
