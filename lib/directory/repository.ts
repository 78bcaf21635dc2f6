import 'server-only';

import { createHash, randomUUID } from 'node:crypto';

import { hashPassword, verifyDummyPassword, verifyPassword } from '@/lib/auth/password';
import { db } from '@/lib/db';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';
import { type DirectoryUser, Prisma } from '@/lib/generated/prisma/client';
import { diffValues, omitKeys, secretChange } from '@/lib/history/diff';
import { recordChange } from '@/lib/history/repository';
import type { Actor, ChangeAction } from '@/lib/history/types';

import type { DirectoryUserRecord } from './profile';
import {
  type DirectoryUserValues,
  type NewUserValues,
  USER_LIST_LIMIT,
  type ProfileKey,
  fromDirectoryUserValues,
  pickProfile,
  toDirectoryUserValues,
  toUsernameKey,
  userFieldLabel,
} from './schemas';

/**
 * The only directory code that touches Prisma (STYLE §1). It returns our own types and never a password
 * hash: hashes are read only inside findUserByCredentials, which answers with a yes or no.
 */

export type DirectoryUserSummary = {
  id: string;
  username: string;
  firstName: string;
  lastName: string;
  email1: string;
  email2: string;
  disabled: boolean;
  version: number;
};

export type LoadedUser = { values: DirectoryUserValues; version: number };

export type UserList = { users: DirectoryUserSummary[]; truncated: boolean };

type Tx = Prisma.TransactionClient;

const OMIT_HASH = { passwordHash: true } as const;

const SUMMARY_SELECT = {
  id: true,
  username: true,
  firstName: true,
  lastName: true,
  email1: true,
  email2: true,
  disabled: true,
  version: true,
} as const satisfies Prisma.DirectoryUserSelect;

const CONFLICT_MESSAGE =
  'Another admin saved this user after you opened it. Your edits are still here; reload the page to see their changes, then apply yours again.';

export const USER_NOT_FOUND = 'This user does not exist (any more).';

const notFound = (userId: string) => new NotFoundError(USER_NOT_FOUND, `directory user ${userId}`);
const taken = (username: string) =>
  new ValidationError({ username: `A user named "${username}" already exists (usernames ignore case). Choose another username.` });

/** Users whose username contains `filter` (ignoring case), by username; at most USER_LIST_LIMIT. */
export async function listUsers(filter = ''): Promise<UserList> {
  // Prisma's `contains` becomes LIKE without escaping, so `_` and `%` in a filter would act as wildcards: escaped
  // here, the text matches literally, on SQLite and PostgreSQL alike. Keys are lower-cased, so LIKE's case rules
  // (insensitive on SQLite, sensitive on PostgreSQL) do not matter; the index still orders the result.
  const pattern = `%${toUsernameKey(filter).replace(/[\\%_]/g, '\\$&')}%`;
  const ids = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "DirectoryUser" WHERE "usernameKey" LIKE ${pattern} ESCAPE '\\' ORDER BY "usernameKey" LIMIT ${USER_LIST_LIMIT + 1}`;
  const rows = await db.directoryUser.findMany({
    where: { id: { in: ids.slice(0, USER_LIST_LIMIT).map((row) => row.id) } },
    select: SUMMARY_SELECT,
    orderBy: { usernameKey: 'asc' },
  });
  return { users: rows, truncated: ids.length > USER_LIST_LIMIT };
}

export async function loadUser(userId: string): Promise<LoadedUser> {
  const row = await db.directoryUser.findUnique({ where: { id: userId }, omit: OMIT_HASH });
  if (!row) throw notFound(userId);
  return { values: toDirectoryUserValues(row), version: row.version };
}

/** Every user's form values, a page at a time, for checks over the stored data (lib/stored-text.ts). */
export async function* eachUserValues(pageSize = 500): AsyncGenerator<{ id: string; values: DirectoryUserValues }> {
  for (let after = ''; ;) {
    const rows = await db.directoryUser.findMany({ where: { id: { gt: after } }, omit: OMIT_HASH, orderBy: { id: 'asc' }, take: pageSize });
    for (const row of rows) yield { id: row.id, values: toDirectoryUserValues(row) };
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = last.id;
  }
}

async function assertUsernameFree(tx: Tx, username: string, exceptUserId?: string): Promise<void> {
  const owner = await tx.directoryUser.findUnique({ where: { usernameKey: toUsernameKey(username) }, select: { id: true } });
  if (owner && owner.id !== exceptUserId) throw taken(username);
}

/** A unique-constraint race (two admins adding the same username at once) reads as the same field error. */
async function withUsernameGuard<T>(username: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw taken(username);
    throw error;
  }
}

/** A user's fields as a change record compares them: account and profile, never the password hash. */
const RECORDED_USER_OMIT = { ...OMIT_HASH, usernameKey: true, version: true, createdAt: true, updatedAt: true } as const;
type RecordedUser = Prisma.DirectoryUserGetPayload<{ omit: typeof RECORDED_USER_OMIT }>;

/** Records a user change: profile properties by their names, the password only as "changed". */
function recordUserChange(
  tx: Tx,
  actor: Actor,
  action: ChangeAction,
  change: { before: RecordedUser | null; after: RecordedUser | null; passwordChanged: boolean },
) {
  const user = change.after ?? change.before;
  if (!user) throw new Error('A user change needs the user');
  const shown = (row: RecordedUser | null) => row && omitKeys(row, ['id']);
  const changes = diffValues(shown(change.before), shown(change.after), {
    label: (field) => userFieldLabel(field as keyof DirectoryUserValues),
  });
  return recordChange(tx, actor, {
    objectType: 'directory-user',
    objectId: user.id,
    objectName: user.username,
    action,
    changes: change.passwordChanged ? [...changes, secretChange('password', userFieldLabel('password'))] : changes,
  });
}

export async function createUser(actor: Actor, { username, password }: NewUserValues): Promise<DirectoryUserSummary> {
  // Hashing takes ~100 ms: done before the transaction so the database is not held meanwhile.
  const passwordHash = await hashPassword(password);
  return withUsernameGuard(username, () =>
    db.$transaction(async (tx) => {
      await assertUsernameFree(tx, username);
      const created = await tx.directoryUser.create({
        data: { id: randomUUID(), username, usernameKey: toUsernameKey(username), passwordHash },
        omit: RECORDED_USER_OMIT,
      });
      await recordUserChange(tx, actor, 'create', { before: null, after: created, passwordChanged: true });
      return tx.directoryUser.findUniqueOrThrow({ where: { id: created.id }, select: SUMMARY_SELECT });
    }),
  );
}

/** Saves the edit form if the user is still at `version`; otherwise throws ConflictError and changes nothing. */
export async function saveUser(actor: Actor, userId: string, values: DirectoryUserValues, version: number): Promise<LoadedUser> {
  const { row, newPassword } = fromDirectoryUserValues(values);
  const passwordHash = newPassword === null ? undefined : await hashPassword(newPassword);
  return withUsernameGuard(row.username, () =>
    db.$transaction(async (tx) => {
      const bumped = await tx.directoryUser.updateMany({ where: { id: userId, version }, data: { version: { increment: 1 } } });
      if (bumped.count === 0) {
        if (!(await tx.directoryUser.count({ where: { id: userId } }))) throw notFound(userId);
        throw new ConflictError(CONFLICT_MESSAGE, `directory user ${userId} is past version ${version}`);
      }
      await assertUsernameFree(tx, row.username, userId); // throwing rolls the version bump back
      const before = await tx.directoryUser.findUniqueOrThrow({ where: { id: userId }, omit: RECORDED_USER_OMIT });
      const saved = await tx.directoryUser.update({ where: { id: userId }, data: { ...row, passwordHash }, omit: OMIT_HASH });
      const after = await tx.directoryUser.findUniqueOrThrow({ where: { id: userId }, omit: RECORDED_USER_OMIT });
      await recordUserChange(tx, actor, 'save', { before, after, passwordChanged: passwordHash !== undefined });
      return { values: toDirectoryUserValues(saved), version: saved.version };
    }),
  );
}

/** Sets a new password, whatever the version: it is its own deliberate action, not a form save. */
export async function setUserPassword(actor: Actor, userId: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const updated = await tx.directoryUser.updateMany({ where: { id: userId }, data: { passwordHash, version: { increment: 1 } } });
    if (updated.count === 0) throw notFound(userId);
    const user = await tx.directoryUser.findUniqueOrThrow({ where: { id: userId }, omit: RECORDED_USER_OMIT });
    await recordUserChange(tx, actor, 'password', { before: user, after: user, passwordChanged: true });
  });
}

/**
 * Enables or disables a user from the list. No version check (the outcome is the same whoever clicks
 * first), but the version moves on so an edit form opened before is refused instead of undoing it.
 */
export async function setUserDisabled(actor: Actor, userId: string, disabled: boolean): Promise<DirectoryUserSummary> {
  return db.$transaction(async (tx) => {
    const before = await tx.directoryUser.findUnique({ where: { id: userId }, omit: RECORDED_USER_OMIT });
    if (!before) throw notFound(userId);
    await tx.directoryUser.update({ where: { id: userId }, data: { disabled, version: { increment: 1 } } });
    const after = { ...before, disabled };
    await recordUserChange(tx, actor, disabled ? 'disable' : 'enable', { before, after, passwordChanged: false });
    return tx.directoryUser.findUniqueOrThrow({ where: { id: userId }, select: SUMMARY_SELECT });
  });
}

/** Deletes a user; `confirmUsername` must be the username exactly as stored (as the admin typed it). */
export async function deleteUser(actor: Actor, userId: string, confirmUsername: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await tx.directoryUser.findUnique({ where: { id: userId }, omit: RECORDED_USER_OMIT });
    if (!user) throw notFound(userId);
    if (confirmUsername.trim() !== user.username) {
      throw new ValidationError({ confirmUsername: `Type the username exactly (${user.username}) to delete this user` });
    }
    await tx.directoryUser.delete({ where: { id: userId } });
    // Their SSO sessions and authenticators go too (user ids are store ids, not foreign keys: an LDAP DN has no row).
    await tx.ssoSession.deleteMany({ where: { userId } });
    await tx.totpEnrollment.deleteMany({ where: { userId } });
    await recordUserChange(tx, actor, 'delete', { before: user, after: null, passwordChanged: false });
  });
}

/**
 * The user with this username (ignoring case) and whether the password matches, or null for an unknown
 * username. Always spends one scrypt computation, so the time taken does not tell which usernames exist.
 */
export async function findUserByCredentials(
  username: string,
  password: string,
): Promise<{ user: DirectoryUserRecord; passwordMatches: boolean } | null> {
  const row = await db.directoryUser.findUnique({ where: { usernameKey: toUsernameKey(username) } });
  if (!row) {
    await verifyDummyPassword(password);
    return null;
  }
  const passwordMatches = await verifyPassword(password, row.passwordHash);
  return { user: toUserRecord(row), passwordMatches };
}

/** The user with this username (ignoring case), or null: no password involved (username-first workflows). */
export async function findUserByUsername(username: string): Promise<DirectoryUserRecord | null> {
  const row = await db.directoryUser.findUnique({ where: { usernameKey: toUsernameKey(username) } });
  return row ? toUserRecord(row) : null;
}

/** Like findUserByCredentials, for a user already found by id; one scrypt computation either way. */
export async function findUserByIdAndPassword(
  userId: string,
  password: string,
): Promise<{ user: DirectoryUserRecord; passwordMatches: boolean } | null> {
  const row = await db.directoryUser.findUnique({ where: { id: userId } });
  if (!row) {
    await verifyDummyPassword(password);
    return null;
  }
  return { user: toUserRecord(row), passwordMatches: await verifyPassword(password, row.passwordHash) };
}

/** The user behind an SSO session, by id, for checking on every use that it may still sign in. */
export async function findUserRecord(userId: string): Promise<DirectoryUserRecord | null> {
  const row = await db.directoryUser.findUnique({ where: { id: userId } });
  return row ? toUserRecord(row) : null;
}

/** A user's row as our own type; `row` may come from a query of another module (lib/sso/request-read.ts). */
export function toUserRecord(row: Pick<DirectoryUser, 'id' | 'username' | 'passwordHash' | 'disabled' | ProfileKey>): DirectoryUserRecord {
  const credentialStamp = createHash('sha256').update(row.passwordHash).digest('base64url').slice(0, 16);
  return { id: row.id, username: row.username, disabled: row.disabled, profile: pickProfile(row), credentialStamp };
}
