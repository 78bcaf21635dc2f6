import { z } from 'zod';

import type { RealmContactMethod, RealmMfa } from '@/lib/generated/prisma/client';
import { EMAIL_MODE_OPTIONS, PHONE_MODE_OPTIONS } from '@/lib/realm/options';

import { booleanSchema, integerSchema, lineSchema, optionSchema, pickFormKeys } from './fields';

export const CONTACT_FIELD_COUNT = 4;

const choiceSchema = <T extends number>(choices: readonly T[]) =>
  z.number().refine((value) => (choices as readonly number[]).includes(value), {
    error: `Choose ${choices.join(' or ')}`,
  });

export const multiFactorMethodsSchema = z.object({
  phoneFields: z.array(optionSchema(PHONE_MODE_OPTIONS, 'a phone method')).length(CONTACT_FIELD_COUNT),
  emailFields: z.array(optionSchema(EMAIL_MODE_OPTIONS, 'an email method')).length(CONTACT_FIELD_COUNT),
  totpEnabled: booleanSchema(),
  totpLength: choiceSchema([6, 8]),
  totpTimeStep: choiceSchema([30, 60]),
  totpDrift: integerSchema(0, 2),
  totpIssuer: lineSchema(100),
  otpLength: integerSchema(6, 8),
  otpLifetimeMinutes: integerSchema(1, 30),
  otpMaxAttempts: integerSchema(1, 10),
});

export type MultiFactorMethodsValues = z.infer<typeof multiFactorMethodsSchema>;

/** Whether the realm can offer any second factor at all (the cross-tab rule in repository.ts saveTab). */
export function hasEnabledMethod(values: Pick<MultiFactorMethodsValues, 'emailFields' | 'phoneFields' | 'totpEnabled'>): boolean {
  return values.totpEnabled || values.emailFields.includes('enabled') || values.phoneFields.some((mode) => mode !== 'disabled');
}

export function defaultMultiFactorMethodsValues(): MultiFactorMethodsValues {
  return {
    phoneFields: ['disabled', 'disabled', 'disabled', 'disabled'],
    emailFields: ['enabled', 'disabled', 'disabled', 'disabled'],
    totpEnabled: true,
    totpLength: 6,
    totpTimeStep: 30,
    totpDrift: 1,
    totpIssuer: '',
    otpLength: 6,
    otpLifetimeMinutes: 5,
    otpMaxAttempts: 3,
  };
}

type MfaRow = Omit<RealmMfa, 'realmId' | 'version'>;
type ContactRow = Pick<RealmContactMethod, 'kind' | 'slot' | 'mode'>;

export function toMultiFactorMethodsValues(row: Omit<RealmMfa, 'version'>, contacts: ContactRow[]): MultiFactorMethodsValues {
  const modeOf = (kind: string, slot: number) =>
    contacts.find((contact) => contact.kind === kind && contact.slot === slot)?.mode ?? 'disabled';
  const slots = Array.from({ length: CONTACT_FIELD_COUNT }, (_, i) => i + 1);
  return {
    ...pickFormKeys<Omit<MultiFactorMethodsValues, 'phoneFields' | 'emailFields'>>(row, multiFactorMethodsSchema, [
      'phoneFields',
      'emailFields',
    ]),
    phoneFields: slots.map((slot) => modeOf('phone', slot)) as MultiFactorMethodsValues['phoneFields'],
    emailFields: slots.map((slot) => modeOf('email', slot)) as MultiFactorMethodsValues['emailFields'],
  };
}

export function fromMultiFactorMethodsValues(values: MultiFactorMethodsValues): { row: MfaRow; contacts: ContactRow[] } {
  const { phoneFields, emailFields, ...row } = values;
  const contacts = [
    ...phoneFields.map((mode, i) => ({ kind: 'phone', slot: i + 1, mode })),
    ...emailFields.map((mode, i) => ({ kind: 'email', slot: i + 1, mode })),
  ];
  return { row, contacts };
}
