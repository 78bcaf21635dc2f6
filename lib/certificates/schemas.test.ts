import { describe, expect, test } from 'vitest';
import type { z } from 'zod';

import { fieldErrorsOf } from '@/test/schema-helpers';

import { certificateIdSchema, generateCertificateSchema, importPemSchema, importPfxSchema } from './schemas';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';

describe('certificate forms', () => {
  test('accept a common name, a pasted PEM pair and a PFX password with any whole characters', () => {
    expect(fieldErrorsOf(generateCertificateSchema, { commonName: 'Realmgate Signing ✓', bits: 2048, years: 2 })).toEqual({});
    expect(importPemSchema.parse({ certificate: `${PEM}\r\n`, privateKey: PEM })).toEqual({ certificate: PEM, privateKey: PEM });
    expect(fieldErrorsOf(importPfxSchema, { pfx: 'AAAA', password: 'p\u0007ss 😀' })).toEqual({});
  });

  test.each<[string, z.ZodType, Record<string, unknown>, string, RegExp]>([
    [
      'a common name with NUL',
      generateCertificateSchema,
      { commonName: 'Realmgate\u0000', bits: 2048, years: 2 },
      'commonName',
      /control character U\+0000/,
    ],
    [
      'a common name with U+FFFF',
      generateCertificateSchema,
      { commonName: 'Realmgate\uFFFF', bits: 2048, years: 2 },
      'commonName',
      /noncharacter/,
    ],
    [
      'a certificate with a bell',
      importPemSchema,
      { certificate: `${PEM}\u0007`, privateKey: PEM },
      'certificate',
      /control character U\+0007/,
    ],
    [
      'a private key with a lone surrogate',
      importPemSchema,
      { certificate: PEM, privateKey: `${PEM}\uD800` },
      'privateKey',
      /broken character/,
    ],
    ['a PFX password with a lone surrogate', importPfxSchema, { pfx: 'AAAA', password: 'secret\uDC00' }, 'password', /broken character/],
    ['a certificate id with a lone surrogate', certificateIdSchema, { id: 'c\uD800' }, 'id', /./],
    ['a certificate id with a quote', certificateIdSchema, { id: "c' OR 1=1" }, 'id', /./],
  ])('refuse %s at the field', (_case, schema, values, field, message) => {
    expect(fieldErrorsOf(schema, values)[field]).toMatch(message);
  });
});
