import { Prisma } from '@/lib/generated/prisma/client';

/** Prisma's P2002: a unique constraint refused the write (the same on SQLite and PostgreSQL). */
export const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
