import 'server-only';

import { isUniqueViolation } from '@/lib/database-errors';
import { db } from '@/lib/db';

/**
 * How many checks of one kind (password hashes of one client address, say) run at once, shared by every instance:
 * one row per key counting the checks in flight, changed by conditional updates only, so of parallel reservations
 * on any number of instances at most `limit` succeed. The rest are refused at once rather than queued: a flood
 * from one address then holds a few hashes, never the CPU, and everyone else's sign-in goes on.
 *
 * A process that dies mid-check never gives its slot back: a row untouched for STALE_MS (longer than any check
 * may take, LDAP timeouts included) counts from zero again.
 */
export const STALE_MS = 2 * 60_000;

export async function reserveSlot(key: string, limit: number, now: Date): Promise<boolean> {
  const stale = new Date(now.getTime() - STALE_MS);
  // A second round only when the row went (its last check ended) between the insert and the updates.
  for (let round = 0; round < 2; round += 1) {
    // Most keys have nothing in flight: one insert. Then a slot of the row, then the slots of a stale row.
    try {
      await db.checkSlot.create({ data: { key, inFlight: 1, touchedAt: now } });
      return true;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const data = { inFlight: { increment: 1 }, touchedAt: now };
    if ((await db.checkSlot.updateMany({ where: { key, inFlight: { lt: limit } }, data })).count > 0) return true;
    const restart = { inFlight: 1, touchedAt: now };
    if ((await db.checkSlot.updateMany({ where: { key, touchedAt: { lte: stale } }, data: restart })).count > 0) return true;
    if (await db.checkSlot.count({ where: { key } })) return false; // every slot is taken
  }
  return false;
}

/** The check is over: its slot is free again, and a key with nothing in flight leaves no row behind. */
export async function releaseSlot(key: string): Promise<void> {
  const last = await db.checkSlot.deleteMany({ where: { key, inFlight: { lte: 1 } } });
  if (last.count === 0) await db.checkSlot.updateMany({ where: { key, inFlight: { gt: 0 } }, data: { inFlight: { decrement: 1 } } });
}
