import 'server-only';

import type { ActiveUser } from '@/lib/directory';
import { SamlError } from '@/lib/errors';
import { type Step, checkStep, firstStep, isStep, nextStep, stepsOf } from '@/lib/workflow/machine';
import { type SignInTransaction, deleteTransaction, loadTransaction, startTransaction } from '@/lib/workflow/transactions';

import { lockedUntil } from './lockout';
import { INVALID_CREDENTIALS, MISCONFIGURED } from './messages';
import type { SsoRealm } from './realm';
import { runSecondFactor, secondFactorView } from './second-factor';
import { beginGuess, beginLookup, judged, lockedMessage } from './sign-in';
import { heldRequest, restartKeepingRequest } from './sp-initiated';
import { advance } from './step-flow';
import type { StepView } from './step-pages';
import { type StepContext, type StepResult, current, deviceChoice, postedPrivateDevice } from './step-result';

/**
 * The sign-in steps of the Workflow tab's Default Workflow, one POST each (lib/workflow/machine.ts decides which
 * may run). The first step starts the sign-in's database row only once it succeeded; every later step loads the
 * row, checks that it is the next one, and advances it with a version-checked update.
 */

export const UNKNOWN_USERNAME = 'We do not know this username.';

/** The realm's steps today; a Default Workflow this build does not know is a configuration problem. */
export function realmSteps(realm: SsoRealm): readonly Step[] {
  const steps = stepsOf(realm.workflow);
  if (!steps) throw new SamlError(MISCONFIGURED, `realm ${realm.slug}: unknown Default Workflow "${realm.workflow}"`);
  return steps;
}

/** The first page: the username (and, for Username & Password, the password) and the device question. */
export function startView(context: StepContext, username?: string): StepView {
  const step = firstStep(context.steps);
  if (step !== 'username' && step !== 'credentials') throw new Error(`a workflow cannot start with ${step}`);
  return { page: 'start', step, last: context.steps.length === 1, username, device: deviceChoice(context.realm) };
}

const refused = (context: StepContext, message: string, status: number, username?: string): Extract<StepResult, { kind: 'view' }> => ({
  kind: 'view',
  view: startView(context, username),
  status,
  error: message,
});

/** The user a sign-in found, still active with the same password; null sends the user back to the start. */
export async function transactionUser(context: StepContext, transaction: SignInTransaction): Promise<ActiveUser | null> {
  if (!transaction.userId) return null;
  const user = await context.store.loadActiveUser(transaction.userId);
  return user && user.credentialStamp === transaction.credentialStamp ? user : null;
}

/** The page of the sign-in's current step (after a step, on reload, after a refused request). */
export async function currentView(context: StepContext, transaction: SignInTransaction): Promise<StepView | null> {
  const step = nextStep(transaction);
  if (step === 'password')
    return { page: 'password', username: transaction.username, last: transaction.done === transaction.steps.length - 1 };
  if (step !== 'second-factor') return null;
  const user = await transactionUser(context, transaction);
  return user && secondFactorView(context, transaction, user);
}

/** The first step: no sign-in row exists before it succeeds (a wrong password stores nothing but the count). */
async function runFirstStep(context: StepContext, field: (name: string) => string, cookie: string | undefined): Promise<StepResult> {
  const { realm, steps, store, now } = context;
  const username = field('username').trim();
  const step = firstStep(steps);
  if (!username || (step === 'credentials' && !field('password'))) {
    return refused(context, step === 'credentials' ? 'Enter your username and password.' : 'Enter your username.', 400, username);
  }
  const privateDevice = postedPrivateDevice(realm, field('device'));
  // An SP's request kept before the first step (sp-initiated.ts) goes on with the sign-in.
  const pending = await loadTransaction(cookie);
  const held = heldRequest(pending, realm, now) ? pending : null;
  const start = async (user?: ActiveUser): Promise<StepResult> => {
    const known = { userId: user?.profile.userId, credentialStamp: user?.credentialStamp };
    await deleteTransaction(cookie); // a sign-in started over: the old one is not left to continue
    const started = await startTransaction(
      { realmId: realm.id, steps, done: 1, privateDevice, username, ...known, spRequest: held?.spRequest },
      now,
    );
    return current(started.transaction, { token: started.token });
  };
  // Username | Password (| Second Factor): nothing is looked up before the password, so no username is revealed.
  if (steps[1] === 'password') return start();
  // A username alone is a guess where it is all there is (Username Only); before a second factor, a lookup.
  const guess =
    step === 'credentials' || steps.length === 1
      ? await beginGuess(realm, username, context.address, new Date(now))
      : await beginLookup(context.address, new Date(now));
  if (!guess.ok) return refused(context, guess.message, 429, username);
  const user = await judged(guess, async () => {
    if (step === 'username') return store.findUser(username);
    const result = await store.authenticate(username, field('password'));
    return result.ok ? result : null;
  });
  if (!user) {
    await guess.settle('wrong');
    // Before a second factor, an unknown username reads as a user with no method: the page says no more.
    if (steps.length > 1 && step === 'username') return { kind: 'view', view: { page: 'no-methods' } };
    const locked = await lockedUntil(realm.id, username, new Date(now));
    const message = locked ? lockedMessage(locked, new Date(now)) : step === 'credentials' ? INVALID_CREDENTIALS : UNKNOWN_USERNAME;
    return refused(context, message, 401, username);
  }
  if (steps.length === 1) {
    await guess.settle('signed-in');
    // The row that held an SP's request ends with the session, which answers the request.
    return { kind: 'complete', transaction: held, user, privateDevice };
  }
  await guess.settle('passed');
  return start(user);
}

async function runPassword(context: StepContext, transaction: SignInTransaction, field: (name: string) => string): Promise<StepResult> {
  const password = field('password');
  if (!password) return current(transaction, { status: 400, error: 'Enter your password.' });
  const now = new Date(context.now);
  const guess = await beginGuess(context.realm, transaction.username, context.address, now);
  if (!guess.ok) return current(transaction, { status: 429, error: guess.message });
  const result = await judged(guess, () =>
    transaction.userId
      ? context.store.verifyPassword(transaction.userId, password)
      : context.store.authenticate(transaction.username, password),
  );
  if (!result.ok || (transaction.credentialStamp !== null && result.credentialStamp !== transaction.credentialStamp)) {
    await guess.settle('wrong');
    const locked = await lockedUntil(context.realm.id, transaction.username, now);
    return current(transaction, { status: 401, error: locked ? lockedMessage(locked, now) : INVALID_CREDENTIALS });
  }
  return advance(transaction, result, guess);
}

const REFUSALS = {
  expired: 'Your sign-in expired. Please start again.',
  'other-realm': 'Your sign-in expired. Please start again.',
  'workflow-changed': 'The sign-in settings changed. Please start again.',
  complete: 'Your sign-in expired. Please start again.',
} as const;

/** POST /sso/<realm>: runs the posted step if it is the one the sign-in waits for. */
export async function runStep(context: StepContext, field: (name: string) => string, cookie: string | undefined): Promise<StepResult> {
  if (field('action') === 'restart') {
    return { kind: 'view', view: startView(context), token: await restartKeepingRequest(context, cookie) };
  }
  const step = field('step');
  if (step === firstStep(context.steps)) return runFirstStep(context, field, cookie);
  const transaction = await loadTransaction(cookie);
  if (!transaction) return { ...refused(context, REFUSALS.expired, 400), token: null };
  if (!isStep(step)) return current(transaction, { status: 400, error: 'This request was not understood. Please try again.' });
  const check = checkStep(transaction, { realmId: context.realm.id, realmSteps: context.steps, step, now: context.now });
  if (!check.ok) {
    if (check.reason === 'out-of-order') return current(transaction, { status: 409, error: 'Please complete this step first.' });
    // Another realm's sign-in is that realm's business: only a sign-in of this realm is ended here.
    if (check.reason !== 'other-realm') await deleteTransaction(cookie);
    return { ...refused(context, REFUSALS[check.reason], 400), token: null };
  }
  if (step === 'password') return runPassword(context, transaction, field);
  const user = await transactionUser(context, transaction);
  if (!user) {
    await deleteTransaction(cookie);
    return { ...refused(context, 'Please sign in again.', 401), token: null };
  }
  return runSecondFactor(context, transaction, user, field);
}
