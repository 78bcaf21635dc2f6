import { Prisma } from '@/lib/generated/prisma/client';

/** Prisma's P2002: a unique constraint refused the write (the same on SQLite and PostgreSQL). */
export const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

/**
 * A serializable transaction lost to a concurrent one (PostgreSQL's 40001) and may be retried: Prisma's P2034, or,
 * when it happens inside an interactive transaction, the driver adapter's own error of kind TransactionWriteConflict.
 */
export const isSerializationFailure = (error: unknown): boolean =>
  (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2034') ||
  (error instanceof Error &&
    error.name === 'DriverAdapterError' &&
    (error.cause as { kind?: unknown } | undefined)?.kind === 'TransactionWriteConflict');
