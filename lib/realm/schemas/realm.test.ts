import { describe, expect, test } from 'vitest';

import { fieldErrorsOf } from '@/test/schema-helpers';

import { deleteRealmSchema, realmNameFormSchema, realmNameSchema, toNameKey, toSlug } from './realm';

const errorsOf = (values: unknown) => fieldErrorsOf(realmNameFormSchema, values);

describe('realm slug', () => {
  test.each<[string, string, string]>([
    ['a plain name', 'Mimecast', 'mimecast'],
    ['spaces between words', 'Mimecast Personal Portal', 'mimecast-personal-portal'],
    ['digits', 'Realm 2', 'realm-2'],
    ['accents', 'Café Déjà Vu', 'cafe-deja-vu'],
    ['accents in capitals', 'ÉCOLE Él', 'ecole-el'],
    ['letters without a decomposition', 'Straße Øresund Łódź', 'strasse-oresund-lodz'],
    ['a compatibility ligature', 'ﬁnance', 'finance'],
    ['punctuation', 'Acme, Inc. (EU) & Co!', 'acme-inc-eu-co'],
    ['runs of punctuation and spaces', 'a --- b ___ c', 'a-b-c'],
    ['leading and trailing hyphens', '--Mimecast--', 'mimecast'],
    ['leading and trailing punctuation and spaces', '  ¡Hola!  ', 'hola'],
    ['an empty name', '', 'realm'],
    ['only punctuation', '!!! ???', 'realm'],
    ['only non-Latin letters', '日本語', 'realm'],
    ['a name longer than 60 characters', 'a'.repeat(70), 'a'.repeat(60)],
    ['a cut that would end on a hyphen', `${'a'.repeat(59)} b`, 'a'.repeat(59)],
    ['a cut after inner hyphens', `${'a'.repeat(30)} ${'b'.repeat(29)} c`, `${'a'.repeat(30)}-${'b'.repeat(29)}`],
  ])('handles %s', (_case, name, slug) => {
    expect(toSlug(name)).toBe(slug);
  });

  test.each(['Mimecast', 'Café Déjà Vu', 'x'.repeat(100), ' -- ', `${'é'.repeat(59)}!x`])(
    'is lower-case letters, digits and single inner hyphens, at most 60 characters, for %j',
    (name) => {
      expect(toSlug(name)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(toSlug(name).length).toBeLessThanOrEqual(60);
    },
  );
});

describe('realm name key', () => {
  test.each<[string, string, string]>([
    ['case', 'MIMECAST', 'mimecast'],
    ['surrounding spaces', '  Mimecast  ', 'mimecast'],
    ['inner spaces kept', 'Mime Cast', 'mime cast'],
  ])('ignores %s', (_case, name, key) => {
    expect(toNameKey(name)).toBe(key);
  });

  test('tells different names apart', () => {
    expect(toNameKey('Mimecast EU')).not.toBe(toNameKey('Mimecast US'));
  });
});

describe('realm name schema', () => {
  test('accepts a name of 100 characters', () => {
    expect(errorsOf({ name: 'x'.repeat(100) })).toEqual({});
  });

  test.each<[string, unknown, RegExp]>([
    ['an empty name', '', /Enter a realm name/],
    ['a name of spaces only', '    ', /Enter a realm name/],
    ['a name over 100 characters', 'x'.repeat(101), /at most 100 characters/],
    ['a name that is not text', 42, /Enter text/],
    ['a name with a line break', 'Mime\ncast', /single line/],
    // NUL let three realms show the same name: the database stored the name only up to the NUL.
    ['a name with NUL', 'Finance\u0000', /control character U\+0000/],
    ['a name with NUL inside', 'Fin\u0000ance', /control character U\+0000 at position 4/],
    ['a name with an escape sequence', 'Finance\u001b[8m', /control character U\+001B/],
    ['a name with a lone surrogate', 'Finance \uD83D', /broken character/],
  ])('refuses %s', (_case, name, message) => {
    expect(errorsOf({ name }).name).toMatch(message);
  });

  test('trims surrounding spaces', () => {
    expect(realmNameSchema.parse('  Mimecast  ')).toBe('Mimecast');
  });

  test('trims the name of the Create, Rename and Duplicate form', () => {
    expect(realmNameFormSchema.parse({ name: ' Mimecast ' })).toEqual({ name: 'Mimecast' });
  });

  test('trims the name typed to confirm a delete', () => {
    expect(deleteRealmSchema.parse({ confirmName: '  Mimecast ' })).toEqual({ confirmName: 'Mimecast' });
  });
});
