import { expect, test } from 'vitest';

import { listChangeRecords } from '@/lib/history/repository';

import { DEMO_REALM_NAME, DEMO_TEMPLATE_ID, seedDemoRealm } from './demo-realm';
import { deleteRealm, listRealms } from './realm-list-repository';
import { loadTab } from './repository';
import { loadRealmTemplate } from './templates';
import { defined } from '@/test/defined';
import { TEST_ADMIN } from '@/test/admin';

test('seeds the Mimecast demo realm once on an empty database, and never again', async () => {
  expect(await seedDemoRealm()).toBe(true);
  const [demo] = await listRealms();
  expect(demo).toMatchObject({ name: DEMO_REALM_NAME, slug: 'mimecast-personal-portal', redirect: 'saml-idp-initiated' });
  const { values } = await loadTab(defined(demo, 'demo realm').id, 'post-authentication');
  expect(values).toMatchObject({
    userIdMapping: 'email2',
    nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
    consumerUrl: 'https://us-api.mimecast.com/login/sso/mpp',
    recipient: 'https://us-api.mimecast.com/login/sso/mpp',
    audience: 'us-api.mimecast.com.<ACCOUNT_CODE>',
    offsetMinutes: 5,
    validHours: 1,
  });
  expect(values.issuer).toMatch(/^urn:realmgate:mimecast-personal-portal:[0-9a-f]{12}$/);
  expect((await loadTab(defined(demo, 'demo realm').id, 'data')).values.dataStore).toBe('local');
  // Made from the IdP-initiated template (lib/realm/templates/), region us, as its history says.
  const [created] = (await listChangeRecords({ realmId: defined(demo, 'demo realm').id, page: 1 })).records;
  expect(created?.changes).toContainEqual({
    field: 'template',
    label: 'Template',
    before: null,
    after: loadRealmTemplate(DEMO_TEMPLATE_ID).name,
  });

  expect(await seedDemoRealm()).toBe(false);
  await deleteRealm(TEST_ADMIN, defined(demo, 'demo realm').id, DEMO_REALM_NAME);
  expect(await seedDemoRealm()).toBe(false);
  expect(await listRealms()).toEqual([]);
});
