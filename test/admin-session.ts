import { randomUUID } from 'node:crypto';

import { type Admin, type AdminRole, adminCookie } from '@/lib/auth/admin';
import { createSession } from '@/lib/auth/sessions';
import { db } from '@/lib/db';

import { setTestRequest } from './next-request';

/**
 * Makes the current test request come from a signed-in admin of this role (a real Admin row and session).
 * test/setup.ts signs every test file in as an administrator; tests of access rules switch roles or sign out.
 */
export async function signInAsTestAdmin(role: AdminRole = 'administrator'): Promise<Admin> {
  const id = randomUUID();
  const username = `test-${role}-${id.slice(0, 8)}`;
  // No usable password: this admin only ever signs in through the session made here.
  await db.admin.create({ data: { id, username, usernameKey: username, role, passwordHash: 'none' } });
  setTestRequest({ cookies: { [adminCookie().name]: await createSession(id, new Date()) } });
  return { id, username, role };
}

export function signOutTestRequest(): void {
  setTestRequest();
}
