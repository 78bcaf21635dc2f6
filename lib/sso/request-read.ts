import 'server-only';

import type { ActiveUser } from '@/lib/directory';
import { toActiveUser } from '@/lib/directory/local';
import { toUserRecord } from '@/lib/directory/repository';
import { PROFILE_KEYS } from '@/lib/directory/schemas';
import { preparedRead } from '@/lib/prepared-read';

import type { SsoSession } from './session';

/**
 * The one database read of an /sso request (DESIGN "SAML": a signed-in user's assertion costs one round trip):
 * the realm's configuration version and the certificate it signs with, which say whether the cached
 * configuration is current (realm-cache.ts), and, for a session cookie, the session's row and its local
 * directory user, read on every request so that sign-out, a disabled user or a new password count at once.
 * It joins tables of three repositories (realm, SSO session, local directory): one query is the point.
 */
export type RequestRead = {
  realmId: string;
  version: number;
  /** The realm's own certificate, else the default; null when there is neither. */
  certificateId: string | null;
  /** The cookie's session at this realm (ended or not: session.ts decides), with its local directory user. */
  signedIn: { session: SsoSession; localUser: ActiveUser | null } | null;
};

type Row = Record<string, unknown>;

const text = (value: unknown) => String(value);
const time = (value: unknown) => (value as Date).getTime();

function toSignedIn(row: Row): RequestRead['signedIn'] {
  if (row.sessionId === null || row.sessionId === undefined) return null;
  const session: SsoSession = {
    id: text(row.sessionId),
    realmId: text(row.realmId),
    userId: text(row.sessionUserId),
    username: text(row.sessionUsername),
    credentialStamp: text(row.sessionStamp),
    authenticatedAt: time(row.authenticatedAt),
    sessionIndex: text(row.sessionIndex),
    privateDevice: row.privateDevice === true,
    expiresAt: time(row.expiresAt),
  };
  // The user's columns carry their own names (id, username, the profile); `disabled` is a boolean already.
  const localUser = row.id === null || row.id === undefined ? null : toActiveUser(toUserRecord(row as Parameters<typeof toUserRecord>[0]));
  return { session, localUser };
}

/** Exported for the tests, which count and fail its runs. */
export const requestQuery = preparedRead(
  'realmgate_sso_request',
  `SELECT r."id" AS "realmId", r."version" AS "realmVersion",
    COALESCE(p."signingCertificateId", (SELECT c."id" FROM "Certificate" c WHERE c."isDefault" = TRUE)) AS "certificateId",
    s."id" AS "sessionId", s."userId" AS "sessionUserId", s."username" AS "sessionUsername",
    s."credentialStamp" AS "sessionStamp", s."sessionIndex", s."privateDevice", s."authenticatedAt", s."expiresAt",
    u."id", u."username", u."passwordHash", u."disabled", ${PROFILE_KEYS.map((key) => `u."${key}"`).join(', ')}
  FROM "Realm" r
  LEFT JOIN "RealmPostAuth" p ON p."realmId" = r."id"
  LEFT JOIN "SsoSession" s ON s."id" = $2 AND s."realmId" = r."id"
  LEFT JOIN "DirectoryUser" u ON u."id" = s."userId"
  WHERE r."slug" = $1`,
  { booleans: ['privateDevice', 'disabled'], dates: ['authenticatedAt', 'expiresAt'] },
);

/** The realm of `slug` and, when `sessionId` is given, that session of it; null when there is no such realm. */
export async function readRequest(slug: string, sessionId: string | null): Promise<RequestRead | null> {
  const row = await requestQuery.run(slug, sessionId ?? '');
  if (!row) return null;
  return {
    realmId: text(row.realmId),
    version: Number(row.realmVersion),
    certificateId: row.certificateId === null ? null : text(row.certificateId),
    signedIn: toSignedIn(row),
  };
}
