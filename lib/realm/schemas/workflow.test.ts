import { describe, expect, test } from 'vitest';

import { DB_ONLY, fieldErrorsOf } from '@/test/schema-helpers';

import {
  type WorkflowValues,
  defaultWorkflowValues,
  forcedDefaultPublicPrivate,
  fromWorkflowValues,
  toWorkflowValues,
  workflowSchema,
} from './workflow';

const valid: WorkflowValues = {
  ...defaultWorkflowValues(),
  defaultWorkflow: 'username-password-second-factor',
  publicPrivateMode: 'both',
  defaultPublicPrivate: 'public',
  rememberUserSelection: false,
  maxInvalidAttempts: 10,
  lockoutMinutes: 30,
};

const errorsOf = (values: unknown) => fieldErrorsOf(workflowSchema, values);

describe('workflow schema', () => {
  test('accepts a two-step workflow in both modes, default public', () => {
    expect(errorsOf(valid)).toEqual({});
  });

  test('accepts the defaults of a new realm', () => {
    expect(errorsOf(defaultWorkflowValues())).toEqual({});
  });

  test.each<[string, Partial<WorkflowValues>]>([
    ['Username Only', { defaultWorkflow: 'username-only' }],
    ['Username | Second Factor | Password', { defaultWorkflow: 'username-second-factor-password' }],
    ['Private Mode Only with Default Private', { publicPrivateMode: 'private-only', defaultPublicPrivate: 'private' }],
    ['Public Mode Only with Default Public', { publicPrivateMode: 'public-only', defaultPublicPrivate: 'public' }],
    ['Max Invalid Attempts of 1', { maxInvalidAttempts: 1 }],
    ['Max Invalid Attempts of 100', { maxInvalidAttempts: 100 }],
    ['Lockout Minutes of 1', { lockoutMinutes: 1 }],
    ['Lockout Minutes of 1440', { lockoutMinutes: 1440 }],
  ])('accepts %s', (_case, change) => {
    expect(errorsOf({ ...valid, ...change })).toEqual({});
  });

  test.each<[string, Partial<WorkflowValues> | Record<string, unknown>, string, RegExp]>([
    [
      'Private Mode Only with Default Public',
      { publicPrivateMode: 'private-only', defaultPublicPrivate: 'public' },
      'defaultPublicPrivate',
      /With Private Mode Only the default must be Default Private/,
    ],
    [
      'Public Mode Only with Default Private',
      { publicPrivateMode: 'public-only', defaultPublicPrivate: 'private' },
      'defaultPublicPrivate',
      /With Public Mode Only the default must be Default Public/,
    ],
    ['Max Invalid Attempts of 0', { maxInvalidAttempts: 0 }, 'maxInvalidAttempts', /1 to 100/],
    ['Max Invalid Attempts of 101', { maxInvalidAttempts: 101 }, 'maxInvalidAttempts', /1 to 100/],
    ['Max Invalid Attempts not a whole number', { maxInvalidAttempts: 2.5 }, 'maxInvalidAttempts', /whole number/],
    ['an empty Max Invalid Attempts box', { maxInvalidAttempts: Number.NaN }, 'maxInvalidAttempts', /whole number/],
    ['Lockout Minutes of 0', { lockoutMinutes: 0 }, 'lockoutMinutes', /1 to 1440/],
    ['Lockout Minutes of 1441', { lockoutMinutes: 1441 }, 'lockoutMinutes', /1 to 1440/],
    ['negative Lockout Minutes', { lockoutMinutes: -15 }, 'lockoutMinutes', /1 to 1440/],
    ['Lockout Minutes as text', { lockoutMinutes: '15' }, 'lockoutMinutes', /whole number/],
    ['an unknown workflow', { defaultWorkflow: 'password-only' }, 'defaultWorkflow', /Choose a workflow from the list/],
    ['an unknown mode', { publicPrivateMode: 'kiosk' }, 'publicPrivateMode', /Choose a mode from the list/],
    ['an unknown default mode', { defaultPublicPrivate: 'shared' }, 'defaultPublicPrivate', /Choose a default mode from the list/],
    ['Remember User Selection as text', { rememberUserSelection: 'true' }, 'rememberUserSelection', /True or False/],
  ])('refuses %s', (_case, change, field, message) => {
    expect(errorsOf({ ...valid, ...change })[field]).toMatch(message);
  });
});

describe('forced default public/private', () => {
  test.each<[string, ReturnType<typeof forcedDefaultPublicPrivate>]>([
    ['private-only', 'private'],
    ['public-only', 'public'],
    ['both', null],
    ['unknown', null],
  ])('for mode %s is %s', (mode, forced) => {
    expect(forcedDefaultPublicPrivate(mode)).toBe(forced);
  });
});

describe('workflow converters', () => {
  test('round trip', () => {
    expect(toWorkflowValues({ ...fromWorkflowValues(valid), realmId: 'r1', ...DB_ONLY })).toEqual(valid);
  });

  test('store every field as its own column', () => {
    expect(fromWorkflowValues(valid)).toEqual({
      defaultWorkflow: 'username-password-second-factor',
      publicPrivateMode: 'both',
      defaultPublicPrivate: 'public',
      rememberUserSelection: false,
      maxInvalidAttempts: 10,
      lockoutMinutes: 30,
    });
  });
});
