import { describe, expect, test } from 'vitest';

import { createRealmFromForm, deleteRealmFromForm, duplicateRealmFromForm, renameRealmFromForm } from './list-actions';
import { createRealm } from './realm-list-repository';
import { loadTab } from './repository';
import { saveTabFromForm } from './save-tab';
import { TEST_ADMIN } from '@/test/admin';

describe('server actions never trust the browser', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['numbers sent as text', { offsetMinutes: '5' }, 'offsetMinutes'],
    ['a javascript: Consumer URL', { redirect: 'saml-idp-initiated', consumerUrl: 'javascript:alert(1)', issuer: 'x' }, 'consumerUrl'],
    ['an option the select does not offer', { redirect: 'oidc' }, 'redirect'],
    ['a missing field', { cookieName: undefined }, 'cookieName'],
    ['an object where text belongs', { issuer: { $ne: '' } }, 'issuer'],
    // The database cannot store a lone surrogate, and cuts text at NUL: both threw or lost data before.
    ['a lone surrogate in the Issuer', { issuer: 'urn:\uD800' }, 'issuer'],
    ['an Issuer of NUL', { issuer: '\u0000' }, 'issuer'],
    [
      'a lone surrogate in an attribute name',
      { samlAttributes: [{ name: '\uDC00', namespace: '', format: 'basic', value: 'email1', groupFilter: '*' }] },
      'samlAttributes.0.name',
    ],
    ['a certificate id with a lone surrogate', { signingCertificateId: '\uD800' }, 'signingCertificateId'],
    ['a Domain WHATWG URL cannot parse', { metadataDomain: '999.999.999.999' }, 'metadataDomain'],
  ])('refuses %s with a field error and stores nothing', async (_case, change, field) => {
    const realm = await createRealm(TEST_ADMIN, `Malformed ${field} ${Math.random()}`);
    const before = await loadTab(realm.id, 'post-authentication');
    const result = await saveTabFromForm('post-authentication', realm.id, before.version, { ...before.values, ...change });
    expect(result.ok).toBe(false);
    expect(result.ok ? {} : result.fieldErrors).toHaveProperty([field]);
    expect(await loadTab(realm.id, 'post-authentication')).toEqual(before);
  });

  test.each<[string, unknown, unknown, unknown, object]>([
    ['a body that is not an object', 'x', 1, 'hello', { fieldErrors: { 'root.form': expect.stringMatching(/object/) } }],
    ['no values at all', 'x', 1, undefined, { fieldErrors: { 'root.form': expect.any(String) } }],
    ['a version that is not a number', 'x', '1', {}, { formError: 'The form arrived incomplete. Reload the page and try again.' }],
    ['a realm id that is not text', 42, 1, {}, { formError: 'The form arrived incomplete. Reload the page and try again.' }],
    ['a realm id with a lone surrogate', 'r\uD800', 1, {}, { formError: 'The form arrived incomplete. Reload the page and try again.' }],
  ])('answers %s with a message, not an exception', async (_case, realmId, version, values, expected) => {
    expect(await saveTabFromForm('workflow', realmId, version, values)).toEqual({ ok: false, ...expected });
  });

  test('a save for a realm that does not exist says so', async () => {
    const realm = await createRealm(TEST_ADMIN, `Loaded ${Math.random()}`);
    const { values } = await loadTab(realm.id, 'workflow');
    expect(await saveTabFromForm('workflow', 'no-such-realm', 1, values)).toEqual({ ok: false, formError: 'This realm does not exist.' });
  });

  test('a stale version is reported as a conflict', async () => {
    const realm = await createRealm(TEST_ADMIN, `Stale ${Math.random()}`);
    const { values, version } = await loadTab(realm.id, 'workflow');
    expect((await saveTabFromForm('workflow', realm.id, version, values)).ok).toBe(true);
    expect(await saveTabFromForm('workflow', realm.id, version, values)).toMatchObject({ ok: false, conflict: true });
  });

  test('the realms list actions answer malformed input with field errors', async () => {
    expect(await createRealmFromForm({ name: '' })).toMatchObject({ ok: false, fieldErrors: { name: 'Enter a realm name' } });
    expect(await createRealmFromForm(null)).toMatchObject({ ok: false, fieldErrors: { 'root.form': expect.any(String) } });
    expect(await renameRealmFromForm(undefined, { name: 'x' })).toMatchObject({ ok: false, formError: expect.any(String) });
    expect(await duplicateRealmFromForm('no-such-realm', { name: 'Copy' })).toMatchObject({
      ok: false,
      formError: 'This realm does not exist.',
    });
    expect(await deleteRealmFromForm('no-such-realm', { confirmName: 'x' })).toMatchObject({
      ok: false,
      formError: 'This realm does not exist.',
    });
  });
});
