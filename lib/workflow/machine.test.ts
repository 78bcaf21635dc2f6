import { describe, expect, test } from 'vitest';

import { WORKFLOW_OPTIONS } from '@/lib/realm/options';

import {
  SIGN_IN_LIFETIME_MS,
  type SignInState,
  type Step,
  WORKFLOW_STEPS,
  type WorkflowKey,
  checkStep,
  completeStep,
  decodeSteps,
  encodeSteps,
  isComplete,
  nextStep,
  passwordBefore,
  stepsOf,
} from './machine';

const NOW = Date.parse('2026-12-02T09:00:00Z');
const REALM = 'realm-a';
const ALL_STEPS: Step[] = ['username', 'password', 'credentials', 'second-factor'];
const ORDERS = Object.entries(WORKFLOW_STEPS) as [WorkflowKey, readonly Step[]][];

const started = (steps: readonly Step[], done = 0): SignInState => ({ realmId: REALM, steps, done, expiresAt: NOW + SIGN_IN_LIFETIME_MS });
const check = (state: SignInState, step: Step, change: Partial<{ realmId: string; realmSteps: readonly Step[]; now: number }> = {}) =>
  checkStep(state, { realmId: REALM, realmSteps: state.steps, step, now: NOW, ...change });

/** Runs an order's steps one by one, as a user who does each step in turn. */
function walk(steps: readonly Step[]): SignInState {
  let state = started(steps);
  for (const step of steps) {
    expect(check(state, step)).toEqual({ ok: true });
    state = completeStep(state, step);
  }
  return state;
}

describe('the sign-in state machine', () => {
  test('knows every Default Workflow the Workflow tab offers, and nothing else', () => {
    expect(Object.keys(WORKFLOW_STEPS).sort()).toEqual(WORKFLOW_OPTIONS.map((option) => option.value).sort());
    expect(stepsOf('username-password')).toEqual(['username', 'password']);
    expect(stepsOf('toString')).toBeNull(); // an inherited property is no workflow
    expect(stepsOf('')).toBeNull();
  });

  test.each([
    ['username-password', ['username', 'password']],
    ['username-password-second-factor', ['username', 'password', 'second-factor']],
    ['username-and-password-second-factor', ['credentials', 'second-factor']],
    ['username-second-factor-password', ['username', 'second-factor', 'password']],
    ['username-second-factor', ['username', 'second-factor']],
    ['username-only', ['username']],
  ])('%s asks for %j, in that order', (workflow, steps) => {
    expect(stepsOf(workflow)).toEqual(steps);
  });

  describe.each(ORDERS)('%s', (_workflow, steps) => {
    test('completes when every step is done in order, and nothing is next after that', () => {
      const state = walk(steps);
      expect(isComplete(state)).toBe(true);
      expect(nextStep(state)).toBeNull();
      for (const step of ALL_STEPS) expect(check(state, step)).toEqual({ ok: false, reason: 'complete' });
    });

    test('refuses every step but the next one at each point (skip ahead, go back, replay, another order)', () => {
      let state = started(steps);
      for (const step of steps) {
        for (const other of ALL_STEPS.filter((candidate) => candidate !== step)) {
          expect(check(state, other)).toEqual({ ok: false, reason: 'out-of-order' });
        }
        state = completeStep(state, step);
      }
    });

    test('refuses a replay of a step already done', () => {
      let state = started(steps);
      for (const [i, step] of steps.entries()) {
        state = completeStep(state, step);
        // The same step again is refused unless the order asks for it again next (none does).
        if (steps[i + 1] !== step) expect(check(state, step).ok).toBe(false);
      }
    });

    test("refuses another realm's sign-in, an expired one, and one whose realm changed its workflow", () => {
      const state = started(steps);
      const first = steps[0] as Step;
      expect(check(state, first, { realmId: 'realm-b' })).toEqual({ ok: false, reason: 'other-realm' });
      expect(check(state, first, { now: NOW + SIGN_IN_LIFETIME_MS })).toEqual({ ok: false, reason: 'expired' });
      expect(check(state, first, { now: NOW + SIGN_IN_LIFETIME_MS - 1 })).toEqual({ ok: true });
      const other = ORDERS.find(([, candidate]) => encodeSteps(candidate) !== encodeSteps(steps))?.[1] ?? [];
      expect(check(state, first, { realmSteps: other })).toEqual({ ok: false, reason: 'workflow-changed' });
    });

    test('completeStep will not complete anything but the next step', () => {
      const state = started(steps);
      for (const step of ALL_STEPS.filter((candidate) => candidate !== steps[0])) {
        expect(() => completeStep(state, step)).toThrow(/not the next step/);
      }
    });
  });

  test('a sign-in of a realm that added a second factor meanwhile cannot finish without it', () => {
    const state = completeStep(started(WORKFLOW_STEPS['username-password']), 'username');
    const now = WORKFLOW_STEPS['username-password-second-factor'];
    expect(check(state, 'password', { realmSteps: now })).toEqual({ ok: false, reason: 'workflow-changed' });
  });

  test('only a workflow that checks the password before the second factor may enrol an authenticator', () => {
    const mayEnrol = ORDERS.filter(([, steps]) => steps.includes('second-factor') && passwordBefore(steps, 'second-factor'));
    expect(mayEnrol.map(([workflow]) => workflow).sort()).toEqual([
      'username-and-password-second-factor',
      'username-password-second-factor',
    ]);
  });

  test.each([
    ['username,password', ['username', 'password']],
    ['username,admin', null],
    ['', null],
  ])('reads stored steps %j as %j', (text, steps) => {
    expect(decodeSteps(text)).toEqual(steps);
  });
});
