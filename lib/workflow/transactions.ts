import 'server-only';

import { createHash, randomBytes } from 'node:crypto';

import { db } from '@/lib/db';
import { preparedRead } from '@/lib/prepared-read';
import type { Prisma, SignInTransaction as SignInRow } from '@/lib/generated/prisma/client';

import { SIGN_IN_LIFETIME_MS, type SignInState, type Step, decodeSteps, encodeSteps } from './machine';
import { type SpRequest, decodeSpRequest, encodeSpRequest } from './sp-request';

/**
 * The sign-ins in progress, one database row each (DESIGN "Sign-in transactions and sessions"), so any instance
 * can serve any step. The browser holds a random 128-bit token; the row's id is its SHA-256, so a copy of the
 * database continues no one's sign-in. Every change is a conditional update on `version`: of two requests that
 * loaded the same version (a double submit, two instances, a replay), exactly one changes the row.
 */

export type SignInTransaction = SignInState & {
  id: string;
  steps: Step[];
  privateDevice: boolean;
  username: string;
  userId: string | null;
  credentialStamp: string | null;
  method: string | null;
  codeHash: string | null;
  codeExpiresAt: number | null;
  codeAttempts: number;
  codesSent: number;
  codeSentAt: number | null;
  pendingTotpEnc: string | null;
  /** The SP's AuthnRequest this sign-in answers; null for a sign-in started at the realm URL. */
  spRequest: SpRequest | null;
  version: number;
};

/** What a step may change (never the realm, the steps or the expiry). */
export type TransactionChange = Partial<
  Pick<
    SignInRow,
    'done' | 'userId' | 'credentialStamp' | 'method' | 'codeHash' | 'codeExpiresAt' | 'codeAttempts' | 'codesSent' | 'codeSentAt'
  > & { pendingTotpEnc: string | null }
>;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const TOKEN = /^[A-Za-z0-9_-]{22}$/;

function toTransaction(row: SignInRow): SignInTransaction | null {
  const steps = decodeSteps(row.steps);
  if (!steps) return null;
  return {
    id: row.id,
    realmId: row.realmId,
    steps,
    done: row.done,
    expiresAt: row.expiresAt.getTime(),
    privateDevice: row.privateDevice,
    username: row.username,
    userId: row.userId,
    credentialStamp: row.credentialStamp,
    method: row.method,
    codeHash: row.codeHash,
    codeExpiresAt: row.codeExpiresAt?.getTime() ?? null,
    codeAttempts: row.codeAttempts,
    codesSent: row.codesSent,
    codeSentAt: row.codeSentAt?.getTime() ?? null,
    pendingTotpEnc: row.pendingTotpEnc,
    spRequest: decodeSpRequest(row.spRequest),
    version: row.version,
  };
}

export type NewTransaction = {
  realmId: string;
  steps: readonly Step[];
  /**
   * The steps done when the row is made: 1 once a first step succeeded; 0 only for a sign-in that holds an SP's
   * request before its first step (the request must outlive the first page and the POST binding's redirect).
   */
  done: number;
  privateDevice: boolean;
  username: string;
  userId?: string;
  credentialStamp?: string;
  spRequest?: SpRequest | null;
};

/** Starts a sign-in; returns the token for the cookie. Sign-ins past their expiry go on the way (any instance). */
export async function startTransaction(input: NewTransaction, now: number): Promise<{ token: string; transaction: SignInTransaction }> {
  await db.signInTransaction.deleteMany({ where: { expiresAt: { lte: new Date(now) } } });
  const token = randomBytes(16).toString('base64url');
  const row = await db.signInTransaction.create({
    data: {
      id: hashToken(token),
      realmId: input.realmId,
      steps: encodeSteps(input.steps),
      done: input.done,
      privateDevice: input.privateDevice,
      username: input.username,
      userId: input.userId ?? null,
      credentialStamp: input.credentialStamp ?? null,
      spRequest: encodeSpRequest(input.spRequest ?? null),
      createdAt: new Date(now),
      expiresAt: new Date(now + SIGN_IN_LIFETIME_MS),
    },
  });
  const transaction = toTransaction(row);
  if (!transaction) throw new Error('a sign-in was stored with steps it cannot read back');
  return { token, transaction };
}

/** The sign-in behind a cookie's token, whatever its realm or expiry (the machine judges those); null if none. */
export async function loadTransaction(token: string | undefined): Promise<SignInTransaction | null> {
  if (!token || !TOKEN.test(token)) return null;
  const row = await transactionQuery.run(hashToken(token));
  return row ? toTransaction(row as SignInRow) : null;
}

// Every sign-in step reads it, each guess of a flood too: a statement prepared once, not a Prisma query.
const transactionQuery = preparedRead('realmgate_sign_in_transaction', 'SELECT * FROM "SignInTransaction" WHERE "id" = $1', {
  booleans: ['privateDevice'],
  dates: ['expiresAt', 'codeExpiresAt', 'codeSentAt', 'createdAt'],
});

/** Applies a change if the sign-in is still at the version it was loaded at; false when another request won. */
export async function updateTransaction(transaction: SignInTransaction, change: TransactionChange): Promise<boolean> {
  const updated = await db.signInTransaction.updateMany({
    where: { id: transaction.id, version: transaction.version },
    data: { ...change, version: { increment: 1 } },
  });
  return updated.count === 1;
}

/**
 * Ends a sign-in that is complete, inside the database transaction `tx` that issues its session: it succeeds once
 * for a version, so one sign-in gives one session and one assertion.
 */
export async function finishTransaction(tx: Prisma.TransactionClient, transaction: SignInTransaction): Promise<boolean> {
  const deleted = await tx.signInTransaction.deleteMany({ where: { id: transaction.id, version: transaction.version } });
  return deleted.count === 1;
}

/**
 * Ends a sign-in that is answered without a new session (an SP's request answered from a live session, or with
 * NoPassive): like finishTransaction, once for a version, so a request kept in the row is answered once.
 */
export async function endTransaction(transaction: SignInTransaction): Promise<boolean> {
  return finishTransaction(db, transaction);
}

export async function deleteTransaction(token: string | undefined): Promise<void> {
  if (token && TOKEN.test(token)) await db.signInTransaction.deleteMany({ where: { id: hashToken(token) } });
}

/**
 * Counts one try of the current email passcode before it is compared, if tries are left: of parallel guesses,
 * at most `max` are ever compared (the same reserve-before-evaluate as Account Lockout).
 */
export async function reserveCodeAttempt(transaction: SignInTransaction, max: number): Promise<boolean> {
  const reserved = await db.signInTransaction.updateMany({
    where: { id: transaction.id, codeHash: transaction.codeHash, codeAttempts: { lt: max } },
    data: { codeAttempts: { increment: 1 } },
  });
  return reserved.count === 1;
}
