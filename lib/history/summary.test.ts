import { describe, expect, test } from 'vitest';

import { describeObject, summarizeChange } from './summary';
import type { FieldChange } from './types';

const change = (label: string): FieldChange => ({ field: label, label, before: '1', after: '2' });

describe('how the history lists a record', () => {
  test.each<[string, Parameters<typeof describeObject>[0], string]>([
    ['a realm tab', { objectType: 'realm', objectName: 'Payroll', tab: 'post-authentication' }, 'Realm Payroll › Post Authentication'],
    ['a realm', { objectType: 'realm', objectName: 'Payroll', tab: null }, 'Realm Payroll'],
    ['a certificate', { objectType: 'certificate', objectName: 'Signer (0a1b)', tab: null }, 'Certificate Signer (0a1b)'],
    ['a directory user', { objectType: 'directory-user', objectName: 'jane', tab: null }, 'Directory user jane'],
  ])('names %s', (_case, record, text) => {
    expect(describeObject(record)).toBe(text);
  });

  test.each<[string, Parameters<typeof summarizeChange>[0], string]>([
    ['a save', { action: 'save', changes: [change('SAML Valid Hours')], sourceRecordId: null }, 'Saved: SAML Valid Hours'],
    [
      'a save of many fields',
      { action: 'save', changes: ['A', 'B', 'C', 'D', 'E'].map(change), sourceRecordId: null },
      'Saved: A, B, C and 2 more',
    ],
    [
      'a restore',
      { action: 'restore', changes: [change('Lockout Minutes')], sourceRecordId: 12 },
      'Restored from change #12: Lockout Minutes',
    ],
    ['a save that changed nothing', { action: 'save', changes: [], sourceRecordId: null }, 'Saved: no field changed'],
    ['a whole object generated', { action: 'generate', changes: ['A', 'B'].map(change), sourceRecordId: null }, 'Generated'],
    ['a delete', { action: 'delete', changes: [change('Realm Name')], sourceRecordId: null }, 'Deleted'],
  ])('summarizes %s', (_case, record, text) => {
    expect(summarizeChange(record)).toBe(text);
  });
});
