import 'server-only';

import { isUniqueViolation } from '@/lib/database-errors';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';

type Tx = Prisma.TransactionClient;

/**
 * A transaction that holds a named lock until it ends, for a rule that reads and then writes on what it read
 * ("is another administrator left?"): under PostgreSQL's READ COMMITTED, two such transactions on two instances
 * would both read "yes" and both write. The lock is a row both UPDATE first: the second waits until the first
 * commits, and its reads then see what the first wrote. (SQLite runs one write transaction at a time anyway.)
 * Not SERIALIZABLE with retries: adapter-pg 6.19 does not release a connection whose COMMIT fails, so each failure
 * would leak one. Prefer a single conditional statement (updateMany with a where) when the rule fits in one.
 */
export async function inLockedTransaction<T>(name: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  const key = `lock:${name}`;
  await db.systemState.create({ data: { key, value: name } }).catch((error: unknown) => {
    if (!isUniqueViolation(error)) throw error; // made before, by this or another instance
  });
  return db.$transaction(async (tx) => {
    await tx.systemState.updateMany({ where: { key }, data: { value: name } });
    return work(tx);
  });
}
