import { WORKFLOW_OPTIONS } from '@/lib/realm/options';

/**
 * The sign-in state machine of the Workflow tab's Default Workflow, as pure functions (no database, no clock of
 * its own): which steps an order requires, which one comes next, and whether a posted step may run now.
 *
 * "|" in an order's name is a new page, "&" the same page: Username | Password asks for the username, then the
 * password; Username & Password | Second Factor asks for both at once. Steps run strictly in order, so a sign-in
 * records how many are done; a step is accepted only when it is the next one, in the realm that started it,
 * before the sign-in expires, and while the Workflow tab still asks for the same steps.
 */

export type Step = 'username' | 'password' | 'credentials' | 'second-factor';

export type WorkflowKey = (typeof WORKFLOW_OPTIONS)[number]['value'];

export const WORKFLOW_STEPS = Object.freeze({
  'username-password': ['username', 'password'],
  'username-password-second-factor': ['username', 'password', 'second-factor'],
  'username-and-password-second-factor': ['credentials', 'second-factor'],
  'username-second-factor-password': ['username', 'second-factor', 'password'],
  'username-second-factor': ['username', 'second-factor'],
  'username-only': ['username'],
} as const satisfies Record<WorkflowKey, readonly Step[]>);

/** A sign-in expires this long after it started, whatever its steps (DESIGN "Sign-in transactions"). */
export const SIGN_IN_LIFETIME_MS = 10 * 60_000;

const STEPS: readonly Step[] = ['username', 'password', 'credentials', 'second-factor'];

export const isStep = (value: unknown): value is Step => typeof value === 'string' && (STEPS as readonly string[]).includes(value);

/** The steps of a Default Workflow value; null for a value this build does not know (a misconfigured realm). */
export function stepsOf(workflow: string): readonly Step[] | null {
  return Object.hasOwn(WORKFLOW_STEPS, workflow) ? WORKFLOW_STEPS[workflow as WorkflowKey] : null;
}

/** What the machine needs of a sign-in in progress. */
export type SignInState = { realmId: string; steps: readonly Step[]; done: number; expiresAt: number };

export type StepRefusal = 'expired' | 'other-realm' | 'workflow-changed' | 'complete' | 'out-of-order';

export type StepCheck = { ok: true } | { ok: false; reason: StepRefusal };

/** The step the sign-in waits for, or null once every step is done. */
export function nextStep(state: Pick<SignInState, 'steps' | 'done'>): Step | null {
  return state.steps[state.done] ?? null;
}

export function isComplete(state: Pick<SignInState, 'steps' | 'done'>): boolean {
  return state.done >= state.steps.length;
}

const sameSteps = (a: readonly Step[], b: readonly Step[]) => a.length === b.length && a.every((step, i) => step === b[i]);

/**
 * Whether `step` may run now on this sign-in at this realm, whose Workflow tab asks for `realmSteps` today. A
 * step done already (replayed), one further on (skipped to) or one of another order is refused.
 */
export function checkStep(
  state: SignInState,
  request: { realmId: string; realmSteps: readonly Step[]; step: Step; now: number },
): StepCheck {
  if (state.realmId !== request.realmId) return { ok: false, reason: 'other-realm' };
  if (state.expiresAt <= request.now) return { ok: false, reason: 'expired' };
  // An admin who adds a second factor must not let sign-ins started before it finish without one.
  if (!sameSteps(state.steps, request.realmSteps)) return { ok: false, reason: 'workflow-changed' };
  if (isComplete(state)) return { ok: false, reason: 'complete' };
  return nextStep(state) === request.step ? { ok: true } : { ok: false, reason: 'out-of-order' };
}

/** The sign-in after its next step succeeded. Throws for any other step: callers check first. */
export function completeStep<S extends SignInState>(state: S, step: Step): S {
  if (nextStep(state) !== step) throw new Error(`step ${step} is not the next step (${nextStep(state) ?? 'none'})`);
  return { ...state, done: state.done + 1 };
}

/** The first step of an order: the only one that starts a sign-in (no earlier step to check). */
export function firstStep(steps: readonly Step[]): Step {
  const [first] = steps;
  if (!first) throw new Error('a workflow without steps');
  return first;
}

/** Whether the password is checked before the second factor: only then may a user enrol a new authenticator. */
export function passwordBefore(steps: readonly Step[], step: Step): boolean {
  const at = steps.indexOf(step);
  return steps.slice(0, at).some((earlier) => earlier === 'password' || earlier === 'credentials');
}

export const encodeSteps = (steps: readonly Step[]) => steps.join(',');

/** Steps as stored; null when the text holds anything but steps (never trust a row blindly). */
export function decodeSteps(text: string): Step[] | null {
  const steps = text.split(',');
  return steps.length > 0 && steps.every(isStep) ? steps : null;
}
