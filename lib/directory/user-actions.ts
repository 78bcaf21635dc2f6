import 'server-only';

import { authorizeAction, isId, isRefusal, runFormAction } from '@/lib/form-action';
import { type FormResult, toFieldErrors, toFormFailure } from '@/lib/form-result';

import {
  type DirectoryUserSummary,
  type LoadedUser,
  USER_NOT_FOUND,
  createUser,
  deleteUser,
  saveUser,
  setUserDisabled,
} from './repository';
import { type DirectoryUserValues, deleteUserSchema, directoryUserSchema, newUserSchema, userStatusSchema } from './schemas';

/** The bodies of the directory's server actions: they parse again with the shared schemas and never throw. */

const unknownUser = { ok: false, formError: USER_NOT_FOUND } as const;

/** The directory pages' server actions, as the pages hand them to their client components. */
export type DirectoryActions = {
  create: (input: unknown) => Promise<FormResult<DirectoryUserSummary>>;
  setDisabled: (userId: string, input: unknown) => Promise<FormResult<DirectoryUserSummary>>;
  delete: (userId: string, input: unknown) => Promise<FormResult<null>>;
};

/** A directory user's save, as the user page hands it to the form. */
export type SaveUserAction = (userId: string, version: number, values: DirectoryUserValues) => Promise<FormResult<DirectoryUserValues>>;

export function createUserFromForm(input: unknown): Promise<FormResult<DirectoryUserSummary>> {
  return runFormAction('create directory user', newUserSchema, input, (values, admin) => createUser(admin, values));
}

/** The edit form's save: the version is the one the form loaded (optimistic concurrency). */
export async function saveUserFromForm(userId: unknown, version: unknown, values: unknown): Promise<FormResult<DirectoryUserValues>> {
  const admin = await authorizeAction();
  if (isRefusal(admin)) return admin;
  if (!isId(userId) || typeof version !== 'number' || !Number.isInteger(version)) {
    return { ok: false, formError: 'The form arrived incomplete. Reload the page and try again.' };
  }
  const parsed = directoryUserSchema.safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: toFieldErrors(parsed.error) };
  try {
    const saved: LoadedUser = await saveUser(admin, userId, parsed.data, version);
    return { ok: true, ...saved };
  } catch (error) {
    return toFormFailure(error, 'save directory user');
  }
}

export async function setUserDisabledFromForm(userId: unknown, input: unknown): Promise<FormResult<DirectoryUserSummary>> {
  if (!isId(userId)) return unknownUser;
  return runFormAction('enable or disable directory user', userStatusSchema, input, ({ disabled }, admin) =>
    setUserDisabled(admin, userId, disabled),
  );
}

export async function deleteUserFromForm(userId: unknown, input: unknown): Promise<FormResult<null>> {
  if (!isId(userId)) return unknownUser;
  return runFormAction('delete directory user', deleteUserSchema, input, async ({ confirmUsername }, admin) => {
    await deleteUser(admin, userId, confirmUsername);
    return null;
  });
}
