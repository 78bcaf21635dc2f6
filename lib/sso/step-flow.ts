import 'server-only';

import type { ActiveUser } from '@/lib/directory';
import { isMethodKey } from '@/lib/mfa/methods';
import { completeStep, isComplete, nextStep } from '@/lib/workflow/machine';
import { type SignInTransaction, updateTransaction } from '@/lib/workflow/transactions';

import type { Guess } from './sign-in';
import { type StepResult, current } from './step-result';

/**
 * A step passed: records it (a version-checked update, so a step posted twice, or on two instances at once,
 * counts once), settles the guess, and answers with the next step's page or, after the last step, `complete`.
 * `change` clears what the step used up (the email passcode, a pending TOTP seed).
 */
export async function advance(
  transaction: SignInTransaction,
  user: ActiveUser,
  guess: Extract<Guess, { ok: true }>,
  change: { codeHash?: null; pendingTotpEnc?: null } = {},
): Promise<StepResult> {
  const step = nextStep(transaction);
  if (!step) return { kind: 'stale' };
  const { done } = completeStep(transaction, step);
  const known = { userId: user.profile.userId, credentialStamp: user.credentialStamp };
  if (!(await updateTransaction(transaction, { ...change, ...known, done }))) {
    await guess.settle('not-judged');
    return { kind: 'stale' };
  }
  const advanced: SignInTransaction = { ...transaction, ...change, ...known, done, version: transaction.version + 1 };
  if (isComplete(advanced)) {
    await guess.settle('signed-in');
    const method = isMethodKey(advanced.method) ? advanced.method : undefined;
    return { kind: 'complete', transaction: advanced, user, privateDevice: advanced.privateDevice, method };
  }
  await guess.settle('passed');
  return current(advanced);
}
