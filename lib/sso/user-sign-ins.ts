import 'server-only';

import { db } from '@/lib/db';
import { localUserStore } from '@/lib/directory/local';
import { loadUser } from '@/lib/directory/repository';
import { NotFoundError } from '@/lib/errors';
import { secretChange } from '@/lib/history/diff';
import { recordChange } from '@/lib/history/repository';
import type { Actor } from '@/lib/history/types';

import { MAX_SESSION_MS } from './session';

/**
 * What the console shows and does about a directory user's sign-ins (/directory/[userId]): their live SSO
 * sessions, which an administrator can end, and their authenticators (TOTP), which an administrator can reset so
 * the user enrols a new one at their next sign-in. Both changes are recorded in the history, in the same
 * database transaction.
 */

export type UserSession = { id: string; realmName: string; startedAt: Date; lastSeenAt: Date; expiresAt: Date };
export type UserAuthenticator = { realmId: string; realmName: string; enrolledAt: Date };
export type UserSignIns = { sessions: UserSession[]; authenticators: UserAuthenticator[] };

export const SESSION_ENDED = 'This session has ended already.';

/**
 * The user's sessions that still work (not past their end, the user enabled, the password unchanged since: others
 * are deleted at their next use) and their authenticators.
 */
export async function loadUserSignIns(userId: string, now = Date.now()): Promise<UserSignIns> {
  const [user, sessions, authenticators] = await Promise.all([
    localUserStore.loadActiveUser(userId),
    db.ssoSession.findMany({
      where: { userId, expiresAt: { gt: new Date(now) }, authenticatedAt: { gt: new Date(now - MAX_SESSION_MS) } },
      include: { realm: { select: { name: true } } },
      orderBy: { createdAt: 'desc' },
    }),
    db.totpEnrollment.findMany({ where: { userId }, include: { realm: { select: { name: true } } }, orderBy: { createdAt: 'asc' } }),
  ]);
  return {
    sessions: sessions
      .filter((row) => row.credentialStamp === user?.credentialStamp)
      .map((row) => ({
        id: row.id,
        realmName: row.realm.name,
        startedAt: row.authenticatedAt,
        lastSeenAt: row.lastSeenAt,
        expiresAt: row.expiresAt,
      })),
    authenticators: authenticators.map((row) => ({ realmId: row.realmId, realmName: row.realm.name, enrolledAt: row.createdAt })),
  };
}

/** Ends one of the user's SSO sessions: its cookie stops working on every instance at once. */
export async function endUserSession(actor: Actor, userId: string, sessionId: string): Promise<void> {
  const { values } = await loadUser(userId);
  await db.$transaction(async (tx) => {
    const session = await tx.ssoSession.findFirst({ where: { id: sessionId, userId }, include: { realm: { select: { name: true } } } });
    if (!session) throw new NotFoundError(SESSION_ENDED, `SSO session of user ${userId}`);
    await tx.ssoSession.delete({ where: { id: sessionId } });
    await recordChange(tx, actor, {
      objectType: 'directory-user',
      objectId: userId,
      objectName: values.username,
      action: 'end-session',
      changes: [
        {
          field: 'ssoSession',
          label: `SSO session at ${session.realm.name}`,
          before: `started ${session.authenticatedAt.toISOString()}`,
          after: null,
        },
      ],
    });
  });
}

/** Deletes the user's authenticator at a realm: their next sign-in there enrols a new one (where the workflow allows). */
export async function resetUserTotp(actor: Actor, userId: string, realmId: string): Promise<void> {
  const { values } = await loadUser(userId);
  await db.$transaction(async (tx) => {
    const enrolment = await tx.totpEnrollment.findUnique({
      where: { realmId_userId: { realmId, userId } },
      include: { realm: { select: { name: true } } },
    });
    if (!enrolment) throw new NotFoundError('This authenticator was reset already.', `TOTP of user ${userId} at realm ${realmId}`);
    await tx.totpEnrollment.delete({ where: { realmId_userId: { realmId, userId } } });
    await recordChange(tx, actor, {
      objectType: 'directory-user',
      objectId: userId,
      objectName: values.username,
      action: 'reset-totp',
      changes: [secretChange('totp', `Authenticator (TOTP) at ${enrolment.realm.name}`)],
    });
  });
}
