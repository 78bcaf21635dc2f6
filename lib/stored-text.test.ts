import { describe, expect, test, vi } from 'vitest';

import { db } from '@/lib/db';
import { createUser } from '@/lib/directory/repository';
import { createRealm } from '@/lib/realm/realm-list-repository';
import { TEST_ADMIN } from '@/test/admin';

import { findUnsafeStoredText, reportUnsafeStoredText } from './stored-text';

const MARKER = 'stored-text-marker';

describe('the start-up check of stored text', () => {
  test('reports nothing for what the forms stored', async () => {
    await createRealm(TEST_ADMIN, 'Clean realm');
    await createUser(TEST_ADMIN, { username: 'clean.user', password: 'a long enough password' });
    expect(await findUnsafeStoredText()).toEqual([]);
  });

  test('names the realm tab or user and the fields that hold unsafe characters, never the values', async () => {
    const realm = await createRealm(TEST_ADMIN, 'Dirty realm');
    await db.realm.update({ where: { id: realm.id }, data: { name: `Dirty ${MARKER}\u0001` } });
    await db.realmPostAuth.update({ where: { realmId: realm.id }, data: { issuer: `urn:${MARKER}\uFFFF`, audience: `${MARKER}\tx` } });
    await db.realmSamlAttribute.create({
      data: { realmId: realm.id, position: 0, name: `${MARKER}\uE000`, namespace: '', format: 'basic', value: 'email1', groupFilter: '*' },
    });
    const user = await createUser(TEST_ADMIN, { username: 'dirty.user', password: 'a long enough password' });
    await db.directoryUser.update({
      where: { id: user.id },
      data: { email2: `${MARKER}\u0007@example.com`, groups: `Staff\n${MARKER}\u001b` },
    });

    expect(await findUnsafeStoredText()).toEqual([
      { where: `realm dirty-realm, tab Overview (/realms/${realm.id}/overview)`, fields: ['name'] },
      {
        where: `realm dirty-realm, tab Post Authentication (/realms/${realm.id}/post-authentication)`,
        fields: ['issuer', 'audience', 'samlAttributes.0.name'],
      },
      { where: `directory user /directory/${user.id}`, fields: ['email2', 'groups'] },
    ]);

    const warn = vi.fn();
    expect(await reportUnsafeStoredText(warn)).toBe(3);
    const lines = warn.mock.calls.map(([line]) => String(line));
    expect(lines[1]).toBe(
      `Realmgate: realm dirty-realm, tab Post Authentication (/realms/${realm.id}/post-authentication) holds characters that XML or a single line cannot carry in: issuer, audience, samlAttributes.0.name. Sign-ins and metadata that use them are refused until an admin corrects them there.`,
    );
    expect(lines.join('\n')).not.toContain(MARKER);
  });

  test('reports only the character rule: other invalid values are the tabs’ business', async () => {
    const realm = await createRealm(TEST_ADMIN, 'Half configured');
    await db.realmPostAuth.update({
      where: { realmId: realm.id },
      data: { redirect: 'saml-idp-initiated', audience: 'urn:<ACCOUNT_CODE>' },
    });
    expect((await findUnsafeStoredText()).filter(({ where }) => where.includes('half-configured'))).toEqual([]);
  });
});
