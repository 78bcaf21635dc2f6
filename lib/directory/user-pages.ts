import 'server-only';

import { requireAdmin } from '@/lib/auth/admin';
import { NotFoundError } from '@/lib/errors';
import { type UserSignIns, loadUserSignIns } from '@/lib/sso/user-sign-ins';

import { type LoadedUser, type UserList, listUsers, loadUser } from './repository';
import { toUserFilter } from './schemas';

/** What the users list page needs: the filter as understood and the matching users. */
export async function loadUserListPage(filterParam: unknown): Promise<UserList & { filter: string }> {
  await requireAdmin();
  const filter = toUserFilter(filterParam);
  return { ...(await listUsers(filter)), filter };
}

/** What the edit page needs (with the user's SSO sessions and authenticators); null for an unknown user (404). */
export async function loadUserPage(userId: string): Promise<(LoadedUser & { id: string; signIns: UserSignIns }) | null> {
  await requireAdmin();
  try {
    return { ...(await loadUser(userId)), id: userId, signIns: await loadUserSignIns(userId) };
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}
