import { readdirSync } from 'node:fs';

import { describe, expect, test } from 'vitest';

import { listChangeRecords } from '@/lib/history/repository';
import { createRealmFromForm } from '@/lib/realm/list-actions';
import { TAB_SCHEMAS } from '@/lib/realm/schemas';
import type { RealmTab } from '@/lib/realm/tabs';
import { defined } from '@/test/defined';

import { defaultTabValues } from './realm-list-repository';
import { loadTab } from './repository';
import { createRealmFormSchema, fillTemplate } from './template-schema';
import { TEMPLATE_DIR, loadRealmTemplate, loadRealmTemplates, parseRealmTemplate } from './templates';

const REGIONS = ['us', 'usb', 'eu', 'de', 'ca', 'za', 'au', 'jer'];
const MIMECAST = {
  'mimecast-personal-portal-idp-initiated': { acs: '/login/sso/mpp', redirect: 'saml-idp-initiated', sp: () => ({}) },
  // Mimecast's requests come by HTTP-POST from its regional host; users who open the realm URL go to Mimecast's login.
  'mimecast-sp-initiated': {
    acs: '/login/saml',
    redirect: 'saml-sp-initiated-post',
    sp: (region: string) => ({ spEntityId: `${region}-api.mimecast.com.C0A0`, spStartUrl: 'https://login.mimecast.com/' }),
  },
};

const templates = loadRealmTemplates();
const fill = (id: string, parameters: Record<string, string>) =>
  fillTemplate(loadRealmTemplate(id), defaultTabValues('Mimecast', 'mimecast'), {
    ...parameters,
    slug: 'mimecast',
    random: 'abcdef012345',
  });

describe('the realm templates', () => {
  test('every file in the folder is a template, offered by name', () => {
    const files = readdirSync(TEMPLATE_DIR).filter((file) => file.endsWith('.json'));
    expect(templates.map((template) => `${template.id}.json`).sort()).toEqual(files.sort());
    expect(templates.map((template) => template.name)).toEqual(['Mimecast (SP-initiated)', 'Mimecast Personal Portal (IdP-initiated)']);
  });

  test.each(templates.flatMap((template) => REGIONS.map((region) => [template.id, region] as const)))(
    '%s for region %s makes a realm every tab schema accepts',
    (id, region) => {
      const tabs = fill(id, { region, accountCode: 'C0A0' });
      for (const [tab, schema] of Object.entries(TAB_SCHEMAS)) expect(schema.safeParse(tabs[tab as RealmTab]).error).toBeUndefined();
    },
  );

  test.each(Object.entries(MIMECAST).flatMap(([id, expected]) => REGIONS.map((region) => [id, region, expected] as const)))(
    '%s for region %s fills the Mimecast values',
    (id, region, { acs, redirect, sp }) => {
      const postAuth = fill(id, { region, accountCode: 'C0A0' })['post-authentication'];
      expect(postAuth).toMatchObject({
        ...sp(region),
        redirect,
        consumerUrl: `https://${region}-api.mimecast.com${acs}`,
        recipient: `https://${region}-api.mimecast.com${acs}`,
        audience: `${region}-api.mimecast.com.C0A0`,
        nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
        userIdMapping: 'email2',
        issuer: 'urn:realmgate:mimecast:abcdef012345',
      });
    },
  );
});

describe('the parameters of "Create realm"', () => {
  const errors = (template: string, parameters: Record<string, string>) =>
    createRealmFormSchema(templates)
      .safeParse({ name: 'Mimecast', template, parameters })
      .error?.issues.map((issue) => [issue.path.join('.'), issue.message]);

  test.each([
    ['no region', { accountCode: 'C0A0' }, 'parameters.region', /^Choose the Mimecast region$/],
    ['an unknown region', { region: 'mars', accountCode: 'C0A0' }, 'parameters.region', /^Choose the Mimecast region$/],
    ['no account code', { region: 'eu' }, 'parameters.accountCode', /^Enter your Mimecast account code/],
    ['the guide placeholder', { region: 'eu', accountCode: '<ACCOUNT_CODE>' }, 'parameters.accountCode', /letters and digits/],
    ['an account code with a space', { region: 'eu', accountCode: 'C0 A0' }, 'parameters.accountCode', /letters and digits/],
    ['an account code with a brace', { region: 'eu', accountCode: '{region}' }, 'parameters.accountCode', /letters and digits/],
  ])('refuses %s with a field message', (_name, parameters, field, message) => {
    for (const id of Object.keys(MIMECAST)) expect(errors(id, parameters)).toContainEqual([field, expect.stringMatching(message)]);
  });

  test('an unknown template is a field error; a blank realm needs no parameters', () => {
    expect(errors('no-such-template', {})).toEqual([['template', 'Choose a template from the list']]);
    expect(errors('', {})).toBeUndefined();
  });
});

describe('a template file', () => {
  const valid = { name: 'SP', description: '', parameters: {}, tabs: { 'post-authentication': { consumerUrl: 'https://sp.example/acs' } } };
  const problems = (data: unknown) => {
    try {
      parseRealmTemplate('sp.json', JSON.stringify(data));
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  };

  test.each([
    [
      'a field the tab does not have',
      { tabs: { 'post-authentication': { wsFedRealm: 'x' } } },
      /post-authentication has no field wsFedRealm/,
    ],
    ['a tab that does not exist', { tabs: { billing: {} } }, /tabs: Unrecognized key: "billing"/],
    ['an undeclared placeholder', { tabs: { 'post-authentication': { audience: '{tenant}' } } }, /\{tenant\} is not a parameter/],
    ['a parameter named like a built-in one', { parameters: { slug: { label: 'S', options: ['a'] } } }, /\{slug\} is built in/],
    ['a pattern without its message', { parameters: { code: { label: 'Code', pattern: '^a$' } } }, /needs the message/],
  ])('is refused with its name and the problem: %s', (_name, change, message) => {
    expect(problems({ ...valid, ...change })).toMatch(/^Realm template sp\.json is not valid: /);
    expect(problems({ ...valid, ...change })).toMatch(message);
  });

  test('that is not JSON is refused with its name', () => {
    expect(() => parseRealmTemplate('broken.json', '{')).toThrow(/^Realm template broken\.json is not JSON/);
  });
});

describe('"Create realm" from a template', () => {
  test('creates the realm through the same path as a blank one, its history naming the template', async () => {
    const result = await createRealmFromForm({
      name: 'Mimecast EU',
      template: 'mimecast-personal-portal-idp-initiated',
      parameters: { region: 'eu', accountCode: ' C1B2 ' },
    });
    if (!result.ok) throw new Error(JSON.stringify(result));
    const { values } = await loadTab(result.values.id, 'post-authentication');
    expect(values).toMatchObject({ consumerUrl: 'https://eu-api.mimecast.com/login/sso/mpp', audience: 'eu-api.mimecast.com.C1B2' });
    expect(values.issuer).toMatch(/^urn:realmgate:mimecast-eu:[0-9a-f]{12}$/);
    const [created] = (await listChangeRecords({ realmId: result.values.id, page: 1 })).records;
    expect(defined(created).action).toBe('create');
    expect(created?.changes).toContainEqual({
      field: 'template',
      label: 'Template',
      before: null,
      after: 'Mimecast Personal Portal (IdP-initiated)',
    });
  });

  test('refuses bad parameters with field messages and creates nothing', async () => {
    const result = await createRealmFromForm({ name: 'Bad Mimecast', template: 'mimecast-sp-initiated', parameters: { region: 'xx' } });
    expect(result).toMatchObject({ ok: false, fieldErrors: { 'parameters.region': 'Choose the Mimecast region' } });
    const blank = await createRealmFromForm({ name: 'Blank one' });
    expect(blank.ok).toBe(true);
  });
});
