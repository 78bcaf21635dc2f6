import { describe, expect, test } from 'vitest';

import type { UserProfile } from '@/lib/directory';
import { defaultMultiFactorMethodsValues } from '@/lib/realm/schemas/multi-factor-methods';

import { offeredMethods } from './methods';

const settings = { ...defaultMultiFactorMethodsValues(), emailFields: ['enabled', 'disabled', 'enabled', 'enabled'] as const };
const profile = (emails: Record<string, string>): UserProfile => ({ userId: 'u1', username: 'jane', properties: emails, groups: [] });
const keys = (methods: { key: string }[]) => methods.map((method) => method.key);

describe('the second factors a sign-in offers', () => {
  test('enabled email fields the user has an address in, masked; never a disabled field or an empty one', () => {
    const methods = offeredMethods(
      { ...settings, emailFields: [...settings.emailFields] },
      profile({ email1: 'jane@example.com', email2: 'jane2@example.com', email3: '', email4: 'j4@example.org' }),
      { enrolled: false, mayEnrol: false },
    );
    expect(methods).toEqual([
      {
        key: 'email1',
        kind: 'email',
        label: 'Email a passcode to j***@example.com',
        address: 'jane@example.com',
        masked: 'j***@example.com',
      },
      {
        key: 'email4',
        kind: 'email',
        label: 'Email a passcode to j***@example.org',
        address: 'j4@example.org',
        masked: 'j***@example.org',
      },
    ]);
  });

  test.each([
    [{ enrolled: true, mayEnrol: false }, true, ['totp']],
    [{ enrolled: false, mayEnrol: true }, true, ['totp']],
    // Before the password is checked, no one may enrol an authenticator for a username they typed.
    [{ enrolled: false, mayEnrol: false }, true, []],
    [{ enrolled: true, mayEnrol: true }, false, []],
  ])('TOTP with %j and TOTP enabled %s: %j', (totp, totpEnabled, expected) => {
    const methods = offeredMethods(
      { ...settings, emailFields: ['disabled', 'disabled', 'disabled', 'disabled'], totpEnabled },
      profile({}),
      totp,
    );
    expect(keys(methods)).toEqual(expected);
  });

  test('a user with no receivable method is offered none', () => {
    expect(
      offeredMethods({ ...settings, emailFields: [...settings.emailFields], totpEnabled: false }, profile({ email2: 'x@example.com' }), {
        enrolled: false,
        mayEnrol: true,
      }),
    ).toEqual([]);
  });
});
