import 'server-only';

import { cookies, headers } from 'next/headers';
import { z } from 'zod';

import { isId, runFormAction } from '@/lib/form-action';
import type { FormResult } from '@/lib/form-result';
import { clientAddress } from '@/lib/http/client-address';

import { type Admin, adminCookie, safeNextPath } from './admin';
import { type AdminSummary, changeOwnPassword, createAdmin, resetAdminPassword, setAdminDisabled } from './admins';
import { adminStatusSchema, changePasswordSchema, newAdminSchema, resetAdminPasswordSchema } from './schemas';
import { endSession } from './sessions';
import { signInAdmin } from './sign-in';

/** What the console's admin pages and the sign-in page ask of lib (STYLE §1: the app only translates). */

const signInSchema = z.object({ username: z.string().max(256), password: z.string().max(1024), next: z.string().optional() });

export type SignInState = { message: string; username: string } | null;

/** The sign-in form: on success the session cookie is set and the path to go to is returned. */
export async function signInFromForm(form: FormData): Promise<{ ok: true; next: string } | { ok: false; state: SignInState }> {
  const parsed = signInSchema.safeParse({
    username: form.get('username'),
    password: form.get('password'),
    next: form.get('next') ?? undefined,
  });
  if (!parsed.success) return { ok: false, state: { message: 'Enter your username and password.', username: '' } };
  const { username, password, next } = parsed.data;
  const outcome = await signInAdmin({ username, password, address: clientAddress(await headers()) }, new Date());
  if (!outcome.ok) return { ok: false, state: { message: outcome.message, username } };
  const cookie = adminCookie();
  (await cookies()).set(cookie.name, outcome.token, { httpOnly: true, sameSite: 'lax', secure: cookie.secure, path: '/' });
  return { ok: true, next: safeNextPath(next) };
}

export async function signOut(): Promise<void> {
  const jar = await cookies();
  const { name } = adminCookie();
  await endSession(jar.get(name)?.value);
  jar.delete(name);
}

/** The /admins page's server actions, as the page hands them to its client component. */
export type AdminActions = {
  create: (input: unknown) => Promise<FormResult<AdminSummary>>;
  setDisabled: (adminId: string, input: unknown) => Promise<FormResult<AdminSummary>>;
  resetPassword: (adminId: string, input: unknown) => Promise<FormResult<AdminSummary>>;
};

export function createAdminFromForm(input: unknown): Promise<FormResult<AdminSummary>> {
  return runFormAction('create admin', newAdminSchema, input, (values, actor) => createAdmin(actor, values));
}

const checkedId = (adminId: unknown) => (isId(adminId) ? adminId : '');

export function setAdminDisabledFromForm(adminId: unknown, input: unknown): Promise<FormResult<AdminSummary>> {
  return runFormAction('disable admin', adminStatusSchema, input, (values, actor: Admin) =>
    setAdminDisabled(actor, checkedId(adminId), values.disabled),
  );
}

export function resetAdminPasswordFromForm(adminId: unknown, input: unknown): Promise<FormResult<AdminSummary>> {
  return runFormAction('reset admin password', resetAdminPasswordSchema, input, (values, actor) =>
    resetAdminPassword(actor, checkedId(adminId), values.password),
  );
}

/** Any admin, auditors included, changes their own password; their other sessions end. */
export function changeOwnPasswordFromForm(input: unknown): Promise<FormResult<null>> {
  return runFormAction(
    'change own password',
    changePasswordSchema,
    input,
    async (values, admin) => {
      const token = (await cookies()).get(adminCookie().name)?.value ?? '';
      await changeOwnPassword(admin, values.currentPassword, values.newPassword, token);
      return null;
    },
    undefined,
  );
}
