import 'server-only';

import { isSerializationFailure } from '@/lib/database-errors';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';

type Tx = Prisma.TransactionClient;

const ATTEMPTS = 10;

/**
 * A transaction that reads and then writes on what it read (e.g. "is another administrator left?"), safe against
 * concurrent ones: SERIALIZABLE, retried when PostgreSQL lets it lose to another (P2034). PostgreSQL's default READ
 * COMMITTED would let two such transactions both read "yes" and both write; SQLite runs one transaction at a time.
 * Prefer a single conditional statement (updateMany with a where) when the rule fits in one.
 */
export async function inSerializableTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.$transaction(work, { isolationLevel: Prisma.TransactionIsolationLevel.Serializable });
    } catch (error) {
      if (!isSerializationFailure(error) || attempt >= ATTEMPTS) throw error;
      // A random pause, longer each time, so that the transactions that collided do not collide again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}
