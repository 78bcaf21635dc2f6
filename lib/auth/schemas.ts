import { z } from 'zod';

import { passwordSchema, toUsernameKey, usernameSchema } from '@/lib/directory/schemas';

/** The console's admin accounts: the fields and rules the forms and server actions share (STYLE §2). */

export const ADMIN_ROLE_OPTIONS = Object.freeze([
  { value: 'administrator', label: 'Administrator (changes anything)', available: true },
  { value: 'auditor', label: 'Auditor (sees everything, changes nothing)', available: true },
] as const);

export const adminRoleSchema = z.enum(['administrator', 'auditor'], { error: 'Choose a role from the list' });

export const newAdminSchema = z.object({ username: usernameSchema, role: adminRoleSchema, password: passwordSchema });
export type NewAdminValues = z.infer<typeof newAdminSchema>;

export const resetAdminPasswordSchema = z.object({ password: passwordSchema });
export type ResetAdminPasswordValues = z.infer<typeof resetAdminPasswordSchema>;

export const adminStatusSchema = z.object({ disabled: z.boolean() });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: 'Enter your current password' }).min(1, { error: 'Enter your current password' }).max(256),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((values) => values.newPassword === values.confirmPassword, { path: ['confirmPassword'], error: 'The two new passwords differ' });
export type ChangePasswordValues = z.infer<typeof changePasswordSchema>;

/** Admin usernames are keyed as directory usernames are: case and Unicode composition do not make a new name. */
export const toAdminKey = toUsernameKey;
