import type { Admin } from '@/lib/auth/admin';

/**
 * The change history's vocabulary, shared by the recorders (lib), the pages and the diff view (components).
 * A record says who changed what, when, and field by field how.
 */

/** Who made a change: an admin, or Realmgate itself on start-up (SYSTEM_ACTOR). */
export type Actor = Pick<Admin, 'id' | 'username'>;

/** Changes Realmgate makes on its own (the first default certificate, the demo realm). */
export const SYSTEM_ACTOR: Actor = Object.freeze({ id: 'system', username: 'Realmgate (start-up)' });

/** Changes Realmgate makes when their time comes (a realm's planned certificate switch). */
export const SCHEDULE_ACTOR: Actor = Object.freeze({ id: 'system', username: 'Realmgate (scheduled)' });

export const OBJECT_TYPES = Object.freeze([
  { value: 'realm', label: 'Realm' },
  { value: 'certificate', label: 'Certificate' },
  { value: 'directory-user', label: 'Directory user' },
  { value: 'admin', label: 'Admin' },
] as const);

export type ObjectType = (typeof OBJECT_TYPES)[number]['value'];

export const ACTION_LABELS = Object.freeze({
  save: 'Saved',
  create: 'Created',
  rename: 'Renamed',
  duplicate: 'Created as a copy',
  delete: 'Deleted',
  restore: 'Restored',
  generate: 'Generated',
  import: 'Imported',
  'make-default': 'Made the default',
  'switch-certificate': 'Switched to the next certificate',
  enable: 'Enabled',
  disable: 'Disabled',
  password: 'Set a new password',
  role: 'Changed the role',
  'end-session': 'Ended an SSO session',
  'reset-totp': 'Reset the authenticator',
} satisfies Record<string, string>);

export type ChangeAction = keyof typeof ACTION_LABELS;

/**
 * One field of a change, with the label the console shows for it and display values ('True', an option's
 * label, a certificate's serial and CN). `null` means the field did not exist on that side (an added
 * attribute, a created or deleted object). A secret carries only `changed`: never a value or ciphertext.
 */
export type FieldChange =
  { field: string; label: string; before: string | null; after: string | null } | { field: string; label: string; changed: true };

export function isSecretChange(change: FieldChange): change is Extract<FieldChange, { changed: true }> {
  return 'changed' in change;
}

/** A record as the history pages show it. */
export type ChangeRecordView = {
  id: number;
  createdAt: Date;
  admin: Actor;
  objectType: ObjectType;
  objectId: string;
  objectName: string;
  realmId: string | null;
  tab: string | null;
  action: ChangeAction;
  changes: FieldChange[];
  sourceRecordId: number | null;
};
