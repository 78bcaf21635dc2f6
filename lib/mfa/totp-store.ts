import 'server-only';

import { decryptSecret, encryptSecret } from '@/lib/crypto/secrets';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';

/**
 * Users' authenticators (TOTP enrolments), one row per realm and user. The seed is encrypted at rest and bound to
 * the realm and the user (AES-GCM additional data): a seed copied into another user's or realm's row does not
 * decrypt there. lastCounter makes every code single use: a code is accepted only if its time step is later
 * than the last one accepted, by one conditional UPDATE, so two instances never both accept the same code.
 */

const seedContext = (realmId: string, userId: string) => `totp-seed:${realmId}:${userId}`;

export type TotpEnrollmentSeed = { secret: string; lastCounter: number };

export async function loadTotpSeed(realmId: string, userId: string): Promise<TotpEnrollmentSeed | null> {
  const row = await db.totpEnrollment.findUnique({ where: { realmId_userId: { realmId, userId } } });
  return row && { secret: decryptSecret(row.secretEnc, seedContext(realmId, userId)), lastCounter: row.lastCounter };
}

export async function hasTotpEnrollment(realmId: string, userId: string): Promise<boolean> {
  return (await db.totpEnrollment.count({ where: { realmId, userId } })) > 0;
}

/**
 * Stores a confirmed enrolment, its first code's time step already used. False when the user already has one
 * (enrolled meanwhile in another tab): an enrolment is never replaced by a sign-in, only reset by an admin.
 */
export async function saveTotpEnrollment(realmId: string, userId: string, secret: string, counter: number, now: number): Promise<boolean> {
  try {
    await db.totpEnrollment.create({
      data: {
        realmId,
        userId,
        secretEnc: encryptSecret(secret, seedContext(realmId, userId)),
        lastCounter: counter,
        createdAt: new Date(now),
      },
    });
    return true;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return false;
    throw error;
  }
}

/** Uses up the time step of a right code; false when that step or a later one was used already (a replay). */
export async function acceptTotpCounter(realmId: string, userId: string, counter: number): Promise<boolean> {
  const updated = await db.totpEnrollment.updateMany({
    where: { realmId, userId, lastCounter: { lt: counter } },
    data: { lastCounter: counter },
  });
  return updated.count === 1;
}

/** A seed being enrolled, kept in the sign-in until its first code: bound to that sign-in, realm and user. */
const pendingContext = (transactionId: string, realmId: string, userId: string) => `totp-pending:${transactionId}:${realmId}:${userId}`;

export const sealPendingSeed = (secret: string, transactionId: string, realmId: string, userId: string) =>
  encryptSecret(secret, pendingContext(transactionId, realmId, userId));

export const openPendingSeed = (sealed: string, transactionId: string, realmId: string, userId: string) =>
  decryptSecret(sealed, pendingContext(transactionId, realmId, userId));
