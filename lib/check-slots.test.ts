import { describe, expect, test } from 'vitest';

import { releaseSlot, reserveSlot, STALE_MS } from './check-slots';
import { db } from './db';

const NOW = new Date('2026-11-28T12:00:00Z');
let keys = 0;
const newKey = () => `test-slots:${(keys += 1)}`;

describe('check slots', () => {
  test('a key holds `limit` checks at once: the next is refused until one is released', async () => {
    const key = newKey();
    expect(await reserveSlot(key, 2, NOW)).toBe(true);
    expect(await reserveSlot(key, 2, NOW)).toBe(true);
    expect(await reserveSlot(key, 2, NOW)).toBe(false);
    expect(await reserveSlot(newKey(), 2, NOW)).toBe(true); // other keys are not affected
    await releaseSlot(key);
    expect(await reserveSlot(key, 2, NOW)).toBe(true);
    expect(await reserveSlot(key, 2, NOW)).toBe(false);
  });

  test('of many parallel reservations exactly `limit` succeed (atomic on every engine)', async () => {
    const key = newKey();
    const results = await Promise.all(Array.from({ length: 12 }, () => reserveSlot(key, 3, NOW)));
    expect(results.filter(Boolean)).toHaveLength(3);
    expect((await db.checkSlot.findUnique({ where: { key } }))?.inFlight).toBe(3);
  });

  test('a key with nothing in flight leaves no row', async () => {
    const key = newKey();
    await reserveSlot(key, 2, NOW);
    await reserveSlot(key, 2, NOW);
    await releaseSlot(key);
    await releaseSlot(key);
    expect(await db.checkSlot.count({ where: { key } })).toBe(0);
    await releaseSlot(key); // a release too many changes nothing
    expect(await db.checkSlot.count({ where: { key } })).toBe(0);
  });

  test('slots a crashed process never gave back are free again once untouched for STALE_MS', async () => {
    const key = newKey();
    expect(await reserveSlot(key, 1, NOW)).toBe(true);
    expect(await reserveSlot(key, 1, new Date(NOW.getTime() + STALE_MS - 1))).toBe(false);
    expect(await reserveSlot(key, 1, new Date(NOW.getTime() + STALE_MS))).toBe(true);
    expect((await db.checkSlot.findUnique({ where: { key } }))?.inFlight).toBe(1);
  });
});
