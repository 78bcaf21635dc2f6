import { describe, expect, test } from 'vitest';

import { DB_ONLY, fieldErrorsOf } from '@/test/schema-helpers';

import {
  type MultiFactorMethodsValues,
  defaultMultiFactorMethodsValues,
  fromMultiFactorMethodsValues,
  hasEnabledMethod,
  multiFactorMethodsSchema,
  toMultiFactorMethodsValues,
} from './multi-factor-methods';
import { defined } from '@/test/defined';

const valid: MultiFactorMethodsValues = {
  ...defaultMultiFactorMethodsValues(),
  emailFields: ['enabled', 'disabled', 'enabled', 'disabled'],
  totpEnabled: true,
  totpLength: 8,
  totpTimeStep: 60,
  totpDrift: 2,
  totpIssuer: 'Mimecast',
  otpLength: 7,
  otpLifetimeMinutes: 10,
  otpMaxAttempts: 5,
};

const errorsOf = (values: unknown) => fieldErrorsOf(multiFactorMethodsSchema, values);

describe('multi-factor methods schema', () => {
  test('accepts email and TOTP with non-default settings', () => {
    expect(errorsOf(valid)).toEqual({});
  });

  test('accepts the defaults of a new realm', () => {
    expect(errorsOf(defaultMultiFactorMethodsValues())).toEqual({});
  });

  test.each<[string, Partial<MultiFactorMethodsValues>]>([
    ['every email field enabled', { emailFields: ['enabled', 'enabled', 'enabled', 'enabled'] }],
    ['every method disabled', { emailFields: ['disabled', 'disabled', 'disabled', 'disabled'], totpEnabled: false }],
    ['a TOTP length of 6', { totpLength: 6 }],
    ['a time step of 30', { totpTimeStep: 30 }],
    ['a drift of 0', { totpDrift: 0 }],
    ['an OTP length of 6', { otpLength: 6 }],
    ['an OTP length of 8', { otpLength: 8 }],
    ['a lifetime of 1 minute', { otpLifetimeMinutes: 1 }],
    ['a lifetime of 30 minutes', { otpLifetimeMinutes: 30 }],
    ['1 attempt', { otpMaxAttempts: 1 }],
    ['10 attempts', { otpMaxAttempts: 10 }],
    ['an empty TOTP issuer (the Page Header is shown)', { totpIssuer: '' }],
  ])('accepts %s', (_case, change) => {
    expect(errorsOf({ ...valid, ...change })).toEqual({});
  });

  test.each<[string, Partial<MultiFactorMethodsValues> | Record<string, unknown>, string, RegExp]>([
    [
      'SMS/Text on Phone 1',
      { phoneFields: ['sms', 'disabled', 'disabled', 'disabled'] },
      'phoneFields.0',
      /SMS\/Text is not available in Realmgate yet/,
    ],
    [
      'Voice on Phone 2',
      { phoneFields: ['disabled', 'voice', 'disabled', 'disabled'] },
      'phoneFields.1',
      /Voice is not available in Realmgate yet/,
    ],
    [
      'SMS/Text and Voice on Phone 4',
      { phoneFields: ['disabled', 'disabled', 'disabled', 'sms-voice'] },
      'phoneFields.3',
      /SMS\/Text and Voice is not available in Realmgate yet/,
    ],
    [
      'an unknown phone mode',
      { phoneFields: ['fax', 'disabled', 'disabled', 'disabled'] },
      'phoneFields.0',
      /Choose a phone method from the list/,
    ],
    ['an unknown email mode', { emailFields: ['enabled', 'on', 'disabled', 'disabled'] }, 'emailFields.1', /email method from the list/],
    ['three phone fields', { phoneFields: ['disabled', 'disabled', 'disabled'] }, 'phoneFields', /4/],
    ['five email fields', { emailFields: ['enabled', 'disabled', 'disabled', 'disabled', 'disabled'] }, 'emailFields', /4/],
    ['a TOTP length of 7', { totpLength: 7 }, 'totpLength', /Choose 6 or 8/],
    ['a TOTP length of 10', { totpLength: 10 }, 'totpLength', /Choose 6 or 8/],
    ['a time step of 45', { totpTimeStep: 45 }, 'totpTimeStep', /Choose 30 or 60/],
    ['a time step of 120', { totpTimeStep: 120 }, 'totpTimeStep', /Choose 30 or 60/],
    ['a drift of 3', { totpDrift: 3 }, 'totpDrift', /0 to 2/],
    ['a negative drift', { totpDrift: -1 }, 'totpDrift', /0 to 2/],
    ['a drift that is not a whole number', { totpDrift: 0.5 }, 'totpDrift', /whole number/],
    ['a line break in the TOTP issuer', { totpIssuer: 'Mimecast\nEvil' }, 'totpIssuer', /single line/],
    ['a TOTP issuer over 100 characters', { totpIssuer: 'x'.repeat(101) }, 'totpIssuer', /at most 100/],
    ['an OTP length of 5', { otpLength: 5 }, 'otpLength', /6 to 8/],
    ['an OTP length of 9', { otpLength: 9 }, 'otpLength', /6 to 8/],
    ['a lifetime of 0 minutes', { otpLifetimeMinutes: 0 }, 'otpLifetimeMinutes', /1 to 30/],
    ['a lifetime of 31 minutes', { otpLifetimeMinutes: 31 }, 'otpLifetimeMinutes', /1 to 30/],
    ['an empty lifetime box', { otpLifetimeMinutes: Number.NaN }, 'otpLifetimeMinutes', /whole number/],
    ['0 attempts', { otpMaxAttempts: 0 }, 'otpMaxAttempts', /1 to 10/],
    ['11 attempts', { otpMaxAttempts: 11 }, 'otpMaxAttempts', /1 to 10/],
    ['TOTP enabled as text', { totpEnabled: 'true' }, 'totpEnabled', /True or False/],
  ])('refuses %s', (_case, change, field, message) => {
    expect(errorsOf({ ...valid, ...change })[field]).toMatch(message);
  });
});

describe('enabled method', () => {
  const none: Pick<MultiFactorMethodsValues, 'emailFields' | 'phoneFields' | 'totpEnabled'> = {
    phoneFields: ['disabled', 'disabled', 'disabled', 'disabled'],
    emailFields: ['disabled', 'disabled', 'disabled', 'disabled'],
    totpEnabled: false,
  };

  test.each<[string, Partial<MultiFactorMethodsValues>, boolean]>([
    ['every method disabled', {}, false],
    ['TOTP enabled', { totpEnabled: true }, true],
    ['Email 1 enabled', { emailFields: ['enabled', 'disabled', 'disabled', 'disabled'] }, true],
    ['Email 4 enabled', { emailFields: ['disabled', 'disabled', 'disabled', 'enabled'] }, true],
    ['TOTP and Email 2 enabled', { totpEnabled: true, emailFields: ['disabled', 'enabled', 'disabled', 'disabled'] }, true],
  ])('with %s is %s', (_case, change, expected) => {
    expect(hasEnabledMethod({ ...none, ...change })).toBe(expected);
  });
});

describe('multi-factor methods converters', () => {
  test('round trip, contact rows in any order', () => {
    const values: MultiFactorMethodsValues = { ...valid, emailFields: ['disabled', 'enabled', 'disabled', 'enabled'] };
    const { row, contacts } = fromMultiFactorMethodsValues(values);
    const shuffled = [...contacts].reverse();
    shuffled.push(defined(shuffled.shift()));
    expect(toMultiFactorMethodsValues({ ...row, realmId: 'r1', ...DB_ONLY }, shuffled)).toEqual(values);
  });

  test('store one contact row per kind and slot, numbered from 1', () => {
    const { contacts } = fromMultiFactorMethodsValues(valid);
    expect(contacts).toEqual([
      { kind: 'phone', slot: 1, mode: 'disabled' },
      { kind: 'phone', slot: 2, mode: 'disabled' },
      { kind: 'phone', slot: 3, mode: 'disabled' },
      { kind: 'phone', slot: 4, mode: 'disabled' },
      { kind: 'email', slot: 1, mode: 'enabled' },
      { kind: 'email', slot: 2, mode: 'disabled' },
      { kind: 'email', slot: 3, mode: 'enabled' },
      { kind: 'email', slot: 4, mode: 'disabled' },
    ]);
  });

  test('read missing contact rows as Disabled', () => {
    const { row } = fromMultiFactorMethodsValues(valid);
    const values = toMultiFactorMethodsValues({ ...row, realmId: 'r1' }, [{ kind: 'email', slot: 3, mode: 'enabled' }]);
    expect(values.emailFields).toEqual(['disabled', 'disabled', 'enabled', 'disabled']);
    expect(values.phoneFields).toEqual(['disabled', 'disabled', 'disabled', 'disabled']);
  });
});
