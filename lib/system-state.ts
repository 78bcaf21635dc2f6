import 'server-only';

import { isUniqueViolation } from '@/lib/database-errors';
import { db } from '@/lib/db';

/** Facts about this installation that must hold across restarts (e.g. "the demo realm was seeded"). */
export async function readSystemState(key: string): Promise<string | null> {
  return (await db.systemState.findUnique({ where: { key } }))?.value ?? null;
}

export async function writeSystemState(key: string, value: string): Promise<void> {
  await db.systemState.upsert({ where: { key }, create: { key, value }, update: { value } });
}

/**
 * Writes a fact only if it is not there yet: true for the one caller that wrote it. Instances starting together
 * claim one-time work this way (the key is unique in the database), and only the winner does it.
 */
export async function claimSystemState(key: string, value: string): Promise<boolean> {
  try {
    await db.systemState.create({ data: { key, value } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export async function deleteSystemState(key: string): Promise<void> {
  await db.systemState.deleteMany({ where: { key } });
}
