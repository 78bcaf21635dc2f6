import { describe, expect, test } from 'vitest';
import type { z } from 'zod';

import { PROFILE_FIELD_LABELS, SAML_ATTRIBUTE_LABELS, TAB_FIELD_LABELS, fieldLabel } from './field-labels';
import { TAB_SCHEMAS } from './schemas';
import { REALM_TABS, type RealmTab } from './tabs';

const TABS = REALM_TABS.map((tab) => tab.slug);

/** Every field path of a schema, with `*` for an item of a list: `samlAttributes.*.name`, `phoneFields.*`. */
function schemaPaths(schema: z.ZodType, prefix = ''): string[] {
  const def = schema.def as { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType };
  if (def.type === 'object' && def.shape) {
    return Object.entries(def.shape).flatMap(([key, child]) => [`${prefix}${key}`, ...schemaPaths(child, `${prefix}${key}.`)]);
  }
  if (def.type === 'array' && def.element) return schemaPaths(def.element, `${prefix}*.`).concat(`${prefix}*`);
  return [];
}

describe('one label per tab field, shared by the forms and the history', () => {
  test.each(TABS)('every key of the %s schema has a label', (tab) => {
    const keys = Object.keys(TAB_SCHEMAS[tab].shape);
    const labels = TAB_FIELD_LABELS[tab] as Record<string, string>;
    expect(keys.filter((key) => !labels[key]?.trim())).toEqual([]);
    expect(Object.keys(labels).sort()).toEqual([...keys].sort());
  });

  test.each(TABS)('every field path of the %s schema, inside repeating groups too, gets a label', (tab: RealmTab) => {
    const paths = schemaPaths(TAB_SCHEMAS[tab]).map((path) => path.replace(/\*/g, '1'));
    const unlabelled = paths.filter((path) => {
      const label = fieldLabel(tab, path);
      return label === path || label.includes('undefined');
    });
    expect(unlabelled).toEqual([]);
  });

  test.each<[RealmTab, string, string]>([
    ['post-authentication', 'validHours', 'SAML Valid Hours'],
    ['post-authentication', 'samlAttributes.1.name', 'SAML Attribute 2: Name'],
    ['post-authentication', 'samlAttributes.0.groupFilter', 'SAML Attribute 1: Group Filter Expression'],
    ['data', 'profileFields.7.field', 'Profile Field Email 2: Field'],
    ['data', 'profileFields.0.dataFormat', 'Profile Field First Name: Data Format'],
    ['multi-factor-methods', 'phoneFields.0', 'Phone Field 1'],
    ['multi-factor-methods', 'emailFields.3', 'Email Field 4'],
    ['overview', 'smtpPassword', 'Password'],
  ])('%s %s reads "%s"', (tab, path, label) => {
    expect(fieldLabel(tab, path)).toBe(label);
  });

  test('the repeating groups label every field of their items', () => {
    const samlAttribute = TAB_SCHEMAS['post-authentication'].shape.samlAttributes.element.shape;
    const profileField = TAB_SCHEMAS.data.shape.profileFields.element.shape;
    expect(Object.keys(SAML_ATTRIBUTE_LABELS).sort()).toEqual(Object.keys(samlAttribute).sort());
    expect(Object.keys(PROFILE_FIELD_LABELS).sort()).toEqual(Object.keys(profileField).sort());
  });
});
