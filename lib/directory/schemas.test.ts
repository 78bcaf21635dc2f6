import { describe, expect, test } from 'vitest';

import { PROFILE_PROPERTY_OPTIONS } from '@/lib/realm/options';
import { fieldErrorsOf } from '@/test/schema-helpers';

import {
  type DirectoryUserValues,
  PROFILE_KEYS,
  deleteUserSchema,
  directoryUserSchema,
  fromDirectoryUserValues,
  newUserSchema,
  toDirectoryUserValues,
  toGroupList,
  toUserFilter,
  toUsernameKey,
} from './schemas';

const EMPTY_PROFILE = Object.fromEntries(PROFILE_KEYS.map((key) => [key, ''])) as Omit<
  DirectoryUserValues,
  'username' | 'disabled' | 'password'
>;

/** One valid user; each row below changes one thing. */
const VALID: DirectoryUserValues = {
  ...EMPTY_PROFILE,
  username: 'alice',
  disabled: false,
  password: { isSet: true, replacement: null },
  firstName: 'Alice',
  lastName: 'Liddell',
  email1: 'alice@example.com',
  phone1: '+44 20 7946 0000',
  auxId1: 'E-1001',
  groups: 'Staff\nPayroll',
};

const errorsOf = (values: unknown) => fieldErrorsOf(directoryUserSchema, values);

describe('directory user schema', () => {
  test('accepts the valid base user', () => {
    expect(errorsOf(VALID)).toEqual({});
  });

  test('lists exactly the profile properties of the spec, in order', () => {
    expect(PROFILE_KEYS).toEqual(PROFILE_PROPERTY_OPTIONS.map((option) => option.value));
  });

  test.each<[string, Partial<Record<keyof DirectoryUserValues, unknown>>]>([
    ['a username of 128 characters', { username: 'u'.repeat(128) }],
    ['a username with an @ and dots', { username: 'alice.liddell@example.com' }],
    ['a username with letters beyond ASCII', { username: 'zoë_ñ' }],
    ['a username with surrounding spaces (trimmed)', { username: '  alice  ' }],
    ['every email empty', { email1: '' }],
    ['Email 4 set', { email4: 'a.b+tag@mail.example.org' }],
    ['a property of 256 characters', { auxId10: 'x'.repeat(256) }],
    ['no groups', { groups: '' }],
    ['a group of 256 characters', { groups: 'g'.repeat(256) }],
    ['a disabled user', { disabled: true }],
    ['a replacement password of 12 characters', { password: { isSet: true, replacement: 'abcdefghijkl' } }],
    ['a replacement password of 256 characters', { password: { isSet: true, replacement: 'p'.repeat(256) } }],
    ['a replacement password with spaces and symbols', { password: { isSet: true, replacement: ' correct horse battery staple ' } }],
  ])('accepts %s', (_case, change) => {
    expect(errorsOf({ ...VALID, ...change })).toEqual({});
  });

  test.each<[string, Partial<Record<keyof DirectoryUserValues, unknown>>, string, RegExp]>([
    ['an empty username', { username: '' }, 'username', /Enter a username/],
    ['a username of spaces only', { username: '   ' }, 'username', /Enter a username/],
    ['a username over 128 characters', { username: 'u'.repeat(129) }, 'username', /at most 128/],
    ['a username with an inner space', { username: 'alice liddell' }, 'username', /no spaces/],
    ['a username with a tab', { username: 'alice\tl' }, 'username', /control character U\+0009/],
    ['a username with a line break', { username: 'alice\nl' }, 'username', /single line|no spaces/],
    ['a username with a control character', { username: 'alice\u0007' }, 'username', /control character U\+0007/],
    ['a username with a zero-width space', { username: 'ali\u200bce' }, 'username', /control characters/],
    ['a username that is not text', { username: 42 }, 'username', /Enter text/],
    ['an Email 1 that is not an email', { email1: 'alice' }, 'email1', /email address/],
    ['an Email 2 with markup', { email2: '<script>@example.com' }, 'email2', /email address/],
    ['an Email 3 with two addresses', { email3: 'a@example.com, b@example.com' }, 'email3', /email address/],
    ['an Email 4 without a domain dot', { email4: 'a@localhost' }, 'email4', /email address/],
    ['a First Name over 256 characters', { firstName: 'x'.repeat(257) }, 'firstName', /at most 256/],
    ['a Last Name with a line break', { lastName: 'Lid\ndell' }, 'lastName', /single line/],
    ['a Phone 2 with a carriage return', { phone2: '555\r0100' }, 'phone2', /single line/],
    ['an Aux ID 10 that is not text', { auxId10: 10 }, 'auxId10', /Enter text/],
    ['a group over 256 characters', { groups: `Staff\n${'g'.repeat(257)}` }, 'groups', /256 characters per group/],
    [
      'a replacement password of 11 characters',
      { password: { isSet: true, replacement: 'abcdefghijk' } },
      'password.replacement',
      /at least 12/,
    ],
    [
      'a replacement password over 256 characters',
      { password: { isSet: true, replacement: 'p'.repeat(257) } },
      'password.replacement',
      /at most 256/,
    ],
    ['a password marked as not set', { password: { isSet: false, replacement: null } }, 'password.isSet', /Every user has a password/],
    ['Disabled that is not a boolean', { disabled: 'true' }, 'disabled', /True or False/],
    // Every sign-in of the user would fail on characters XML 1.0 cannot carry.
    ['an Email 2 with NUL', { email2: 'jane\u0000@example.com' }, 'email2', /control character U\+0000/],
    ['a First Name with U+FFFE', { firstName: 'Alice\uFFFE' }, 'firstName', /noncharacter U\+FFFE/],
    ['an Aux ID with a private-use character', { auxId3: 'E-\uE000' }, 'auxId3', /private-use/],
    ['a Phone 1 with an escape', { phone1: '+44\u001b' }, 'phone1', /control character U\+001B/],
    ['a group with a bell', { groups: 'Staff\nPay\u0007roll' }, 'groups', /control character U\+0007/],
    ['a group with a line separator', { groups: 'Staff\u2028Payroll' }, 'groups', /separator U\+2028/],
    ['a username with a lone surrogate', { username: 'alice\uD800' }, 'username', /broken character/],
    [
      'a replacement password with a lone surrogate',
      { password: { isSet: true, replacement: 'twelve chars \uDFFF' } },
      'password.replacement',
      /broken character/,
    ],
  ])('refuses %s', (_case, change, field, message) => {
    expect(errorsOf({ ...VALID, ...change })[field]).toMatch(message);
  });

  test('a missing profile property is refused, not stored as undefined', () => {
    const { email2: _dropped, ...rest } = VALID;
    expect(errorsOf(rest).email2).toMatch(/Enter text/);
  });

  test('trims the username and the properties', () => {
    const parsed = directoryUserSchema.parse({ ...VALID, username: ' alice ', firstName: '  Alice ', email1: ' alice@example.com ' });
    expect([parsed.username, parsed.firstName, parsed.email1]).toEqual(['alice', 'Alice', 'alice@example.com']);
  });

  test('stores the groups of a pasted Windows list with LF line ends', () => {
    expect(directoryUserSchema.parse({ ...VALID, groups: 'Staff\r\nPayroll\r\n' }).groups).toBe('Staff\nPayroll');
  });

  test('keeps the spaces around a password: every character counts', () => {
    const parsed = directoryUserSchema.parse({ ...VALID, password: { isSet: true, replacement: '  twelve chars  ' } });
    expect(parsed.password.replacement).toBe('  twelve chars  ');
  });
});

describe('add user schema', () => {
  test.each<[string, Record<string, unknown>, string | null]>([
    ['a username and a 12-character password', { username: 'bob', password: 'abcdefghijkl' }, null],
    ['no password', { username: 'bob', password: '' }, 'password'],
    ['a short password', { username: 'bob', password: 'short' }, 'password'],
    ['a password that is not text', { username: 'bob', password: 123456789012 }, 'password'],
    ['a username with a space', { username: 'b ob', password: 'abcdefghijkl' }, 'username'],
    ['a password with a lone surrogate', { username: 'bob', password: 'abcdefghijkl\uD800' }, 'password'],
    ['a password with emoji and controls (every character counts)', { username: 'bob', password: 'abc😀\u0007defghijkl' }, null],
    ['no username', { username: '', password: 'abcdefghijkl' }, 'username'],
  ])('handles %s', (_case, values, field) => {
    const result = newUserSchema.safeParse(values);
    expect(result.success ? null : result.error.issues[0]?.path.join('.')).toBe(field);
  });

  test('trims the username typed to confirm a delete', () => {
    expect(deleteUserSchema.parse({ confirmUsername: ' alice ' })).toEqual({ confirmUsername: 'alice' });
  });
});

describe('directory converters', () => {
  const ROW = {
    ...VALID,
    id: 'u1',
    usernameKey: 'alice',
    passwordHash: 'scrypt$32768$8$1$c2FsdA==$aGFzaA==',
    version: 3,
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };

  test('reads a row as form values: the password is only "set", never the hash', () => {
    const values = toDirectoryUserValues(ROW);
    expect(values).toEqual(VALID);
    expect(JSON.stringify(values)).not.toContain('scrypt');
  });

  test('round-trips form values to columns and back', () => {
    const { row, newPassword } = fromDirectoryUserValues(VALID);
    expect(newPassword).toBeNull();
    expect(toDirectoryUserValues(row)).toEqual(VALID);
  });

  test('hands a replacement password over for hashing', () => {
    expect(fromDirectoryUserValues({ ...VALID, password: { isSet: true, replacement: 'new password 1' } }).newPassword).toBe(
      'new password 1',
    );
  });

  test('stores groups one per line, trimmed, without blanks or repeats', () => {
    expect(fromDirectoryUserValues({ ...VALID, groups: ' Staff \r\n\nPayroll\nStaff\n' }).row.groups).toBe('Staff\nPayroll');
  });

  test.each<[string, string, string]>([
    ['case', 'Alice', 'alice'],
    ['surrounding spaces', ' alice ', 'alice'],
    ['capitals beyond ASCII', 'ZOË', 'zoë'],
    ['Unicode composition (e + combining acute)', 'Rene\u0301', 'ren\u00e9'],
  ])('makes the username key ignore %s', (_case, username, key) => {
    expect(toUsernameKey(username)).toBe(key);
  });

  test.each<[string, unknown, string]>([
    ['a filter', ' ali ', 'ali'],
    ['no filter', undefined, ''],
    ['a repeated query parameter', ['a', 'b'], ''],
    ['an overlong filter', 'x'.repeat(300), 'x'.repeat(128)],
  ])('reads %s from the query string', (_case, param, filter) => {
    expect(toUserFilter(param)).toBe(filter);
  });

  test('splits groups into a list', () => {
    expect(toGroupList('Staff\n\n Payroll \nStaff')).toEqual(['Staff', 'Payroll']);
    expect(toGroupList('')).toEqual([]);
  });
});
