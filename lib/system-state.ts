import 'server-only';

import { db } from '@/lib/db';

/** Facts about this installation that must hold across restarts (e.g. "the demo realm was seeded"). */
export async function readSystemState(key: string): Promise<string | null> {
  return (await db.systemState.findUnique({ where: { key } }))?.value ?? null;
}

export async function writeSystemState(key: string, value: string): Promise<void> {
  await db.systemState.upsert({ where: { key }, create: { key, value }, update: { value } });
}
