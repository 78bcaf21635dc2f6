import 'server-only';

import { randomBytes, randomUUID } from 'node:crypto';

import { db } from '@/lib/db';
import { NotFoundError, ValidationError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import { recordAdminChange } from '@/lib/history/admin-changes';
import { type Actor, SYSTEM_ACTOR } from '@/lib/history/types';
import { inLockedTransaction } from '@/lib/db-lock';

import type { Admin, AdminRole } from './admin';
import { hashPassword, verifyDummyPassword, verifyPassword } from './password';
import { type NewAdminValues, newAdminSchema, toAdminKey } from './schemas';
import { endSessionsOf } from './sessions';

/** The only code that touches the Admin table; it never returns a password hash. */

export type AdminSummary = Admin & { disabled: boolean; createdAt: Date };

const SUMMARY_SELECT = { id: true, username: true, role: true, disabled: true, createdAt: true } as const;
const ADMIN_NOT_FOUND = 'This admin does not exist.';

const toSummary = (row: Prisma.AdminGetPayload<{ select: typeof SUMMARY_SELECT }>): AdminSummary => ({
  ...row,
  role: row.role as AdminRole,
});

export async function listAdmins(): Promise<AdminSummary[]> {
  return (await db.admin.findMany({ select: SUMMARY_SELECT, orderBy: { usernameKey: 'asc' } })).map(toSummary);
}

export async function createAdmin(actor: Actor, values: NewAdminValues): Promise<AdminSummary> {
  const passwordHash = await hashPassword(values.password);
  try {
    return await db.$transaction(async (tx) => {
      const data = {
        id: randomUUID(),
        username: values.username,
        usernameKey: toAdminKey(values.username),
        role: values.role,
        passwordHash,
      };
      const created = toSummary(await tx.admin.create({ data, select: SUMMARY_SELECT }));
      await recordAdminChange(tx, actor, { action: 'create', before: null, after: created, passwordChanged: true });
      return created;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new ValidationError({ username: `An admin named "${values.username}" already exists (usernames ignore case).` });
    }
    throw error;
  }
}

/** The admin with this username and password, or null; every path spends one scrypt computation. */
export async function findAdminByCredentials(username: string, password: string): Promise<(Admin & { disabled: boolean }) | null> {
  const row = await db.admin.findUnique({ where: { usernameKey: toAdminKey(username) } });
  if (!row) return verifyDummyPassword(password).then(() => null);
  if (!(await verifyPassword(password, row.passwordHash))) return null;
  return { id: row.id, username: row.username, role: row.role as AdminRole, disabled: row.disabled };
}

/**
 * Disables or enables an admin. Disabling ends their sessions at once. The last enabled administrator cannot
 * be disabled, nor can admins disable themselves: the console must never lock everyone out.
 */
export async function setAdminDisabled(actor: Admin, adminId: string, disabled: boolean): Promise<AdminSummary> {
  if (disabled && adminId === actor.id) throw new ValidationError({ disabled: 'You cannot disable your own account.' });
  // Locked: two admins disabling each other at once, on two instances, must not both see the other left.
  return inLockedTransaction('admins', async (tx) => {
    const target = await tx.admin.findUnique({ where: { id: adminId }, select: SUMMARY_SELECT });
    if (!target) throw new NotFoundError(ADMIN_NOT_FOUND, `admin ${adminId}`);
    if (disabled && target.role === 'administrator') {
      const others = await tx.admin.count({ where: { role: 'administrator', disabled: false, NOT: { id: adminId } } });
      if (others === 0) throw new ValidationError({ disabled: 'This is the last enabled administrator: it cannot be disabled.' });
    }
    const row = toSummary(await tx.admin.update({ where: { id: adminId }, data: { disabled }, select: SUMMARY_SELECT }));
    if (disabled) await tx.adminSession.deleteMany({ where: { adminId } });
    await recordAdminChange(tx, actor, { action: disabled ? 'disable' : 'enable', before: toSummary(target), after: row });
    return row;
  });
}

/**
 * Sets a new password and ends the admin's sessions (all of them, or all but `keepToken`: the session of an admin
 * changing their own), recorded as the actor's change.
 */
async function setPassword(actor: Actor, adminId: string, password: string, keepToken?: string): Promise<AdminSummary> {
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const updated = await tx.admin.updateMany({ where: { id: adminId }, data: { passwordHash } });
    if (updated.count === 0) throw new NotFoundError(ADMIN_NOT_FOUND, `admin ${adminId}`);
    const row = toSummary(await tx.admin.findUniqueOrThrow({ where: { id: adminId }, select: SUMMARY_SELECT }));
    await endSessionsOf(tx, adminId, keepToken);
    await recordAdminChange(tx, actor, { action: 'password', before: row, after: row, passwordChanged: true });
    return row;
  });
}

/** An administrator sets a new password for another admin; their sessions end. */
export function resetAdminPassword(actor: Actor, adminId: string, password: string): Promise<AdminSummary> {
  return setPassword(actor, adminId, password);
}

/** An admin changes their own password; their other sessions end, this one stays. */
export async function changeOwnPassword(admin: Admin, current: string, next: string, sessionToken: string): Promise<void> {
  const row = await db.admin.findUnique({ where: { id: admin.id } });
  if (!row || !(await verifyPassword(current, row.passwordHash))) {
    throw new ValidationError({ currentPassword: 'This is not your current password' });
  }
  await setPassword(admin, admin.id, next, sessionToken);
}

export type FirstAdmin = { username: string; generatedPassword?: string };

/**
 * On first start (no admin at all) creates the administrator REALMGATE_ADMIN_USERNAME (default "admin") with
 * REALMGATE_ADMIN_PASSWORD, or with a random password that the caller prints once. Null when admins exist.
 * Two instances starting at once: the unique username lets only one of them create it.
 */
export async function ensureFirstAdmin(env: Record<string, string | undefined> = process.env): Promise<FirstAdmin | null> {
  if ((await db.admin.count()) > 0) return null;
  const given = env.REALMGATE_ADMIN_PASSWORD;
  const parsed = newAdminSchema.safeParse({
    username: env.REALMGATE_ADMIN_USERNAME?.trim() || 'admin',
    role: 'administrator',
    password: given || randomBytes(18).toString('base64url'),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`REALMGATE_ADMIN_USERNAME / REALMGATE_ADMIN_PASSWORD cannot make the first admin (${problems}).`);
  }
  const { username, password } = parsed.data;
  try {
    await createAdmin(SYSTEM_ACTOR, parsed.data);
  } catch (error) {
    if (error instanceof ValidationError) return null; // another instance created it first
    throw error;
  }
  return given ? { username } : { username, generatedPassword: password };
}
