import { describe, expect, test } from 'vitest';

import { diffValues, flattenValues, formatLeaf, omitKeys } from './diff';

const label = (path: string) => `Label of ${path}`;

describe('field-by-field diff', () => {
  test('flattens nested values to form paths, leaving undefined out', () => {
    expect([...flattenValues({ a: 1, list: [{ b: true }, { b: false }], none: null, gone: undefined })]).toEqual([
      ['a', 1],
      ['list.0.b', true],
      ['list.1.b', false],
      ['none', null],
    ]);
  });

  test.each<[string, unknown, string]>([
    ['true', true, 'True'],
    ['false', false, 'False'],
    ['a number', 5, '5'],
    ['text', 'x', 'x'],
    ['null', null, ''],
  ])('shows %s as the console does', (_case, value, shown) => {
    expect(formatLeaf(value as never)).toBe(shown);
  });

  test('lists only the fields that differ, with labels and display values', () => {
    const changes = diffValues({ hours: 1, sign: true, same: 'x' }, { hours: 2, sign: false, same: 'x' }, { label });
    expect(changes).toEqual([
      { field: 'hours', label: 'Label of hours', before: '1', after: '2' },
      { field: 'sign', label: 'Label of sign', before: 'True', after: 'False' },
    ]);
  });

  test('an added or removed item has no value on the other side (null), unlike an empty one', () => {
    const changes = diffValues({ items: [{ name: 'a' }] }, { items: [{ name: '' }, { name: 'b' }] }, { label });
    expect(changes).toEqual([
      { field: 'items.0.name', label: 'Label of items.0.name', before: 'a', after: '' },
      { field: 'items.1.name', label: 'Label of items.1.name', before: null, after: 'b' },
    ]);
  });

  test('a created or deleted object compares with nothing', () => {
    expect(diffValues(null, { name: 'new' }, { label })).toEqual([{ field: 'name', label: 'Label of name', before: null, after: 'new' }]);
    expect(diffValues({ name: 'old' }, null, { label })).toEqual([{ field: 'name', label: 'Label of name', before: 'old', after: null }]);
  });

  test('uses the given formatter for display values', () => {
    const changes = diffValues({ store: 'local' }, { store: 'openldap' }, { label, format: (_path, value) => `option ${String(value)}` });
    expect(changes).toEqual([{ field: 'store', label: 'Label of store', before: 'option local', after: 'option openldap' }]);
  });

  test('omits keys (secrets) from an object', () => {
    expect(omitKeys({ a: 1, secret: 'x' }, ['secret'])).toEqual({ a: 1 });
  });
});
