import 'server-only';

import { z } from 'zod';

import { USER_NOT_FOUND } from '@/lib/directory/repository';
import { isId, runFormAction } from '@/lib/form-action';
import type { FormResult } from '@/lib/form-result';
import { RECORD_ID } from '@/lib/realm/schemas/fields';

import { endUserSession, resetUserTotp } from './user-sign-ins';

/** The bodies of the user page's sign-in actions (administrators only): parsed again, recorded, never throwing. */

const endSessionSchema = z.object({ sessionId: z.string().regex(/^[0-9a-f]{64}$/, { error: 'Unknown session' }) });
const resetTotpSchema = z.object({ realmId: z.string().regex(RECORD_ID, { error: 'Unknown realm' }) });

/** The actions as the user page hands them to its client component. */
export type UserSignInActions = {
  endSession: (userId: string, input: { sessionId: string }) => Promise<FormResult<null>>;
  resetTotp: (userId: string, input: { realmId: string }) => Promise<FormResult<null>>;
};

const unknownUser = { ok: false, formError: USER_NOT_FOUND } as const;

export async function endUserSessionFromForm(userId: unknown, input: unknown): Promise<FormResult<null>> {
  if (!isId(userId)) return unknownUser;
  return runFormAction('end SSO session', endSessionSchema, input, async ({ sessionId }, admin) => {
    await endUserSession(admin, userId, sessionId);
    return null;
  });
}

export async function resetUserTotpFromForm(userId: unknown, input: unknown): Promise<FormResult<null>> {
  if (!isId(userId)) return unknownUser;
  return runFormAction('reset authenticator', resetTotpSchema, input, async ({ realmId }, admin) => {
    await resetUserTotp(admin, userId, realmId);
    return null;
  });
}
