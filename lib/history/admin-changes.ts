import 'server-only';

import type { AdminRole } from '@/lib/auth/admin';
import type { Prisma } from '@/lib/generated/prisma/client';

import { diffValues, formatLeaf, secretChange } from './diff';
import { recordChange } from './repository';
import type { Actor, ChangeAction } from './types';

/** An admin account as its change record shows it (never the password or its hash). */
export type RecordedAdmin = { id: string; username: string; role: AdminRole; disabled?: boolean };

const ADMIN_LABELS: Record<string, string> = { username: 'Username', role: 'Role', disabled: 'Disabled' };
const ROLE_LABELS: Record<AdminRole, string> = { administrator: 'Administrator', auditor: 'Auditor' };

/**
 * Records a change of an admin account, for lib/auth's admin repository: call it inside the transaction that
 * changes the account. `before` is null for a new account, `after` null for a deleted one; a new or changed
 * password shows only as "changed".
 *
 *   await db.$transaction(async (tx) => {
 *     const created = await tx.admin.create({ … });
 *     await recordAdminChange(tx, actor, { action: 'create', before: null, after: created, passwordChanged: true });
 *   });
 */
export function recordAdminChange(
  tx: Prisma.TransactionClient,
  actor: Actor,
  change: { action: ChangeAction; before: RecordedAdmin | null; after: RecordedAdmin | null; passwordChanged?: boolean },
): Promise<number> {
  const admin = change.after ?? change.before;
  if (!admin) throw new Error('An admin change needs the admin');
  const shown = (account: RecordedAdmin | null) =>
    account && { username: account.username, role: account.role, disabled: account.disabled };
  const changes = diffValues(shown(change.before), shown(change.after), {
    label: (field) => ADMIN_LABELS[field] ?? field,
    format: (field, value) => (field === 'role' ? (ROLE_LABELS[value as AdminRole] ?? String(value)) : formatLeaf(value)),
  });
  return recordChange(tx, actor, {
    objectType: 'admin',
    objectId: admin.id,
    objectName: admin.username,
    action: change.action,
    changes: change.passwordChanged ? [...changes, secretChange('password', 'Password')] : changes,
  });
}
