import { z } from 'zod';

import type { DirectoryUser } from '@/lib/generated/prisma/client';
import { isWellFormed } from '@/lib/characters';
import { PROFILE_PROPERTY_OPTIONS, optionLabel } from '@/lib/realm/options';
import { BROKEN_TEXT_MESSAGE, booleanSchema, lineSchema, optionalEmailSchema, textSchema } from '@/lib/realm/schemas/fields';

/**
 * The Local Directory's fields and rules, shared by the console forms and their server actions (STYLE §2:
 * the schema is the only definition). Column names match lib/realm/options.ts PROFILE_PROPERTY_OPTIONS.
 */

export const USERNAME_MAX = 128;
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
const PROPERTY_MAX = 256;

/** The users list shows at most this many users; the filter narrows it down. */
export const USER_LIST_LIMIT = 200;

// Whitespace, control and invisible format characters (e.g. zero-width space) would make two usernames
// look identical on screen while signing in differently.
const USERNAME_FORBIDDEN = /[\s\p{Cc}\p{Cf}]/u;

export const usernameSchema = lineSchema(USERNAME_MAX)
  .min(1, { error: 'Enter a username' })
  .refine((value) => !USERNAME_FORBIDDEN.test(value), { error: 'Use no spaces or control characters' });

/** A new or replaced password. Not trimmed: every character the admin typed counts. */
export const passwordSchema = z
  .string({ error: 'Enter a password' })
  .min(PASSWORD_MIN, { error: `Use at least ${PASSWORD_MIN} characters` })
  .max(PASSWORD_MAX, { error: `Use at most ${PASSWORD_MAX} characters` })
  .refine(isWellFormed, { error: BROKEN_TEXT_MESSAGE });

const propertySchema = () => lineSchema(PROPERTY_MAX);

/** One group per line; each line is a group name, so each line follows the single-property limit. */
export const groupsSchema = textSchema(16_000).refine((value) => value.split(/\r?\n/).every((line) => line.trim().length <= PROPERTY_MAX), {
  error: `Use at most ${PROPERTY_MAX} characters per group`,
});

/** Every profile property of a user, in the order of the Profile Fields grid. */
export const profileSchema = z.object({
  firstName: propertySchema(),
  lastName: propertySchema(),
  phone1: propertySchema(),
  phone2: propertySchema(),
  phone3: propertySchema(),
  phone4: propertySchema(),
  email1: optionalEmailSchema(),
  email2: optionalEmailSchema(),
  email3: optionalEmailSchema(),
  email4: optionalEmailSchema(),
  auxId1: propertySchema(),
  auxId2: propertySchema(),
  auxId3: propertySchema(),
  auxId4: propertySchema(),
  auxId5: propertySchema(),
  auxId6: propertySchema(),
  auxId7: propertySchema(),
  auxId8: propertySchema(),
  auxId9: propertySchema(),
  auxId10: propertySchema(),
  groups: groupsSchema,
});
export type ProfileValues = z.infer<typeof profileSchema>;
export type ProfileKey = keyof ProfileValues;
export const PROFILE_KEYS = Object.freeze(Object.keys(profileSchema.shape) as ProfileKey[]);

/**
 * The stored password as the edit form sees it (the SecretValue shape of the realm forms): always set, and a
 * replacement the admin may type. The hash never leaves the server.
 */
export const userPasswordSchema = z.object({
  isSet: z.literal(true, { error: 'Every user has a password' }),
  replacement: passwordSchema.nullable(),
});

/** The user edit form. */
export const directoryUserSchema = profileSchema.extend({
  username: usernameSchema,
  disabled: booleanSchema(),
  password: userPasswordSchema,
});
export type DirectoryUserValues = z.infer<typeof directoryUserSchema>;

const ACCOUNT_LABELS = Object.freeze({ username: 'Username', disabled: 'Disabled', password: 'Password' });

/** A user field's label, as the user form and the change history show it: profile properties by their names (Email 2). */
export function userFieldLabel(key: keyof DirectoryUserValues): string {
  return key in ACCOUNT_LABELS ? ACCOUNT_LABELS[key as keyof typeof ACCOUNT_LABELS] : optionLabel(PROFILE_PROPERTY_OPTIONS, key);
}

/** The Add user dialog: a user is never stored without a password. */
export const newUserSchema = z.object({ username: usernameSchema, password: passwordSchema });
export type NewUserValues = z.infer<typeof newUserSchema>;

export function defaultNewUserValues(): NewUserValues {
  return { username: '', password: '' };
}

/** Disable / Enable on the users list. */
export const userStatusSchema = z.object({ disabled: booleanSchema() });

/** Delete asks the admin to type the username, so a user is never deleted by a stray click. */
export const deleteUserSchema = z.object({ confirmUsername: z.string().trim() });
export type DeleteUserValues = z.infer<typeof deleteUserSchema>;

/** Usernames are unique and sign-in matches regardless of case (and of Unicode composition). */
export function toUsernameKey(username: string): string {
  return username.trim().normalize('NFC').toLowerCase();
}

/** The list filter from the query string: anything else than one string is no filter. */
export function toUserFilter(param: unknown): string {
  return typeof param === 'string' ? param.trim().slice(0, USERNAME_MAX) : '';
}

/** Group names from the stored or typed text: trimmed, without blank lines or repeats. */
export function toGroupList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    ),
  ];
}

type UserColumns = Pick<DirectoryUser, 'username' | 'disabled' | ProfileKey>;

export function pickProfile(row: Pick<DirectoryUser, ProfileKey>): ProfileValues {
  const profile = {} as ProfileValues;
  for (const key of PROFILE_KEYS) profile[key] = row[key];
  return profile;
}

export function toDirectoryUserValues(row: UserColumns): DirectoryUserValues {
  return { username: row.username, disabled: row.disabled, password: { isSet: true, replacement: null }, ...pickProfile(row) };
}

/** The columns to store, and a new password to hash (null: keep the stored one). */
export function fromDirectoryUserValues(values: DirectoryUserValues): {
  row: UserColumns & { usernameKey: string };
  newPassword: string | null;
} {
  const { username, disabled, password } = values;
  const profile = pickProfile(values);
  return {
    row: { username, usernameKey: toUsernameKey(username), disabled, ...profile, groups: toGroupList(profile.groups).join('\n') },
    newPassword: password.replacement,
  };
}
