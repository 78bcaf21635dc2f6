import { describe, expect, test } from 'vitest';
import type { z } from 'zod';

import { TAB_SCHEMAS } from '@/lib/realm/schemas';
import { defaultDataValues } from '@/lib/realm/schemas/data';
import { defaultMultiFactorMethodsValues } from '@/lib/realm/schemas/multi-factor-methods';
import { defaultOverviewValues } from '@/lib/realm/schemas/overview';
import { defaultPostAuthenticationValues } from '@/lib/realm/schemas/post-authentication';
import { defaultWorkflowValues } from '@/lib/realm/schemas/workflow';
import { REALM_TABS, type RealmTab } from '@/lib/realm/tabs';

import { DEFAULT_CERTIFICATE_LABEL, diffTab, optionsOf, withoutSecrets } from './realm-changes';

const NO_CONTEXT = { changedSecrets: [], certificateNames: new Map<string, string>() };
const postAuth = defaultPostAuthenticationValues({ slug: 'r' });

/** The paths of a schema's selects: enums, also inside lists (`samlAttributes.*.format`, `phoneFields.*`). */
function enumPaths(schema: z.ZodType, prefix = ''): string[] {
  const def = schema.def as { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType };
  if (def.type === 'enum') return [prefix.replace(/\.$/, '')];
  if (def.type === 'object' && def.shape) return Object.entries(def.shape).flatMap(([key, child]) => enumPaths(child, `${prefix}${key}.`));
  if (def.type === 'array' && def.element) return enumPaths(def.element, `${prefix}0.`);
  return [];
}

describe('a tab change as the history shows it', () => {
  test.each(REALM_TABS.map((tab) => tab.slug))('every select of %s shows its option labels', (tab: RealmTab) => {
    const missing = enumPaths(TAB_SCHEMAS[tab]).filter((path) => !optionsOf(tab, path));
    expect(missing).toEqual([]);
  });

  test('option values show their labels, booleans True/False, numbers as typed', () => {
    const after = { ...postAuth, redirect: 'saml-idp-initiated' as const, signMessage: false, validHours: 3 };
    expect(diffTab('post-authentication', postAuth, after, NO_CONTEXT)).toEqual([
      {
        field: 'redirect',
        label: 'Authenticated User Redirect',
        before: 'None (sign-in only)',
        after: 'SAML 2.0 (IdP Initiated) Assertion',
      },
      { field: 'validHours', label: 'SAML Valid Hours', before: '1', after: '3' },
      { field: 'signMessage', label: 'Sign SAML Message', before: 'True', after: 'False' },
    ]);
  });

  test('a SAML attribute added shows each of its fields, labelled with its number', () => {
    const attribute = { name: 'mail', namespace: '', format: 'group-list' as const, value: 'groups', groupFilter: '*' };
    const after = { ...postAuth, samlAttributes: [attribute] };
    expect(diffTab('post-authentication', postAuth, after, NO_CONTEXT)).toEqual([
      { field: 'samlAttributes.0.name', label: 'SAML Attribute 1: Name', before: null, after: 'mail' },
      { field: 'samlAttributes.0.namespace', label: 'SAML Attribute 1: Namespace', before: null, after: '' },
      { field: 'samlAttributes.0.format', label: 'SAML Attribute 1: Format', before: null, after: 'Group List' },
      { field: 'samlAttributes.0.value', label: 'SAML Attribute 1: Value', before: null, after: 'Groups' },
      { field: 'samlAttributes.0.groupFilter', label: 'SAML Attribute 1: Group Filter Expression', before: null, after: '*' },
    ]);
  });

  test('the signing certificate shows its serial and CN, or the default', () => {
    const context = { ...NO_CONTEXT, certificateNames: new Map([['c1', '0a1b (Signer)']]) };
    expect(diffTab('post-authentication', postAuth, { ...postAuth, signingCertificateId: 'c1' }, context)).toEqual([
      { field: 'signingCertificateId', label: 'Signing Cert Serial Number', before: DEFAULT_CERTIFICATE_LABEL, after: '0a1b (Signer)' },
    ]);
  });

  test('profile field mappings and contact methods name their row', () => {
    const data = defaultDataValues();
    const mapped = {
      ...data,
      profileFields: data.profileFields.map((row) => (row.property === 'email2' ? { ...row, field: 'mail' } : row)),
    };
    expect(diffTab('data', data, mapped, NO_CONTEXT)).toEqual([
      { field: 'profileFields.7.field', label: 'Profile Field Email 2: Field', before: '', after: 'mail' },
    ]);
    const mfa = defaultMultiFactorMethodsValues();
    const changed = { ...mfa, emailFields: ['enabled', 'enabled', 'disabled', 'disabled'] as typeof mfa.emailFields };
    expect(diffTab('multi-factor-methods', mfa, changed, NO_CONTEXT)).toEqual([
      { field: 'emailFields.1', label: 'Email Field 2', before: 'Disabled', after: 'Enabled' },
    ]);
  });

  test('a secret shows only that it changed, whatever the values say', () => {
    const overview = defaultOverviewValues({ name: 'R' });
    const typed = { ...overview, smtpPassword: { isSet: true, replacement: 'hunter2-secret' } };
    const changes = diffTab('overview', overview, typed, { ...NO_CONTEXT, changedSecrets: ['smtpPassword'] });
    expect(changes).toEqual([{ field: 'smtpPassword', label: 'Password', changed: true }]);
    expect(JSON.stringify(changes)).not.toContain('hunter2');
    expect(diffTab('overview', overview, typed, NO_CONTEXT)).toEqual([]);
  });

  test('a logo shows as its type and size, not its bytes', () => {
    const png = `data:image/png;base64,${btoa('\x89PNG\r\n\x1a\n' + 'x'.repeat(2000))}`;
    const overview = defaultOverviewValues({ name: 'R' });
    expect(diffTab('overview', overview, { ...overview, logo: png }, NO_CONTEXT)).toEqual([
      { field: 'logo', label: 'Company Logo', before: '', after: 'image/png image, 2 KB' },
    ]);
  });

  test('values kept for restore leave the secrets out', () => {
    expect(withoutSecrets('data', defaultDataValues())).not.toHaveProperty('ldapPassword');
    expect(withoutSecrets('workflow', defaultWorkflowValues())).toEqual(defaultWorkflowValues());
  });
});
