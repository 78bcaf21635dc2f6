import 'server-only';

import { createHash, randomBytes } from 'node:crypto';

import { db } from '@/lib/db';
import { preparedRead } from '@/lib/prepared-read';

import type { Admin, AdminRole } from './admin';

/**
 * Console sessions, stored server-side (DESIGN "Sign-in transactions and sessions"). The cookie carries a
 * random token; the database keeps only its SHA-256, so a copy of the database holds no usable session.
 * Deleting the row ends the session at once: sign-out, a disabled admin, a reset password.
 */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
// lastSeenAt is written at most once a minute: a page view is not a database write.
const TOUCH_INTERVAL_MS = 60_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(adminId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.adminSession.create({ data: { id: hashToken(token), adminId, createdAt: now, lastSeenAt: now } });
  return token;
}

// Every console page, action and route handler reads its session: one statement prepared once on the driver,
// where Prisma would compile and run two queries (the session, then its admin) at about a millisecond (issue 11).
const sessionQuery = preparedRead(
  'realmgate_admin_session',
  `SELECT s."createdAt", s."lastSeenAt", a."id", a."username", a."role", a."disabled"
  FROM "AdminSession" s JOIN "Admin" a ON a."id" = s."adminId" WHERE s."id" = $1`,
  { booleans: ['disabled'], dates: ['createdAt', 'lastSeenAt'] },
);

/** The admin of a live session, or null: unknown token, idle or absolute timeout passed, admin disabled. */
export async function resolveSession(token: string | undefined, now: Date): Promise<Admin | null> {
  if (!token || token.length > 128) return null;
  const id = hashToken(token);
  const session = await sessionQuery.run(id);
  if (!session) return null;
  const lastSeenAt = (session.lastSeenAt as Date).getTime();
  const idle = now.getTime() - lastSeenAt >= IDLE_TIMEOUT_MS;
  const expired = now.getTime() - (session.createdAt as Date).getTime() >= ABSOLUTE_TIMEOUT_MS;
  if (idle || expired || session.disabled === true) {
    await db.adminSession.deleteMany({ where: { id } });
    return null;
  }
  if (now.getTime() - lastSeenAt >= TOUCH_INTERVAL_MS) {
    await db.adminSession.updateMany({ where: { id, lastSeenAt: { lt: now } }, data: { lastSeenAt: now } });
  }
  return { id: String(session.id), username: String(session.username), role: session.role as AdminRole };
}

export async function endSession(token: string | undefined): Promise<void> {
  if (token) await db.adminSession.deleteMany({ where: { id: hashToken(token) } });
}

/** Ends every session of an admin, except (for a password change) the one making the change; `client` may be a transaction. */
export async function endSessionsOf(client: Pick<typeof db, 'adminSession'>, adminId: string, exceptToken?: string): Promise<void> {
  await client.adminSession.deleteMany({ where: { adminId, ...(exceptToken ? { NOT: { id: hashToken(exceptToken) } } : {}) } });
}
