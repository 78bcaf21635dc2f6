import { beforeAll, describe, expect, test, vi } from 'vitest';

import { saveCertificate, setDefaultCertificate } from '@/lib/certificates/store';
import { generateCertificate } from '@/lib/crypto/certificates';
import { db } from '@/lib/db';
import { listUsers } from '@/lib/directory/repository';
import { createRealm } from '@/lib/realm/realm-list-repository';
import { loadTab } from '@/lib/realm/repository';
import { postAuthenticationSchema } from '@/lib/realm/schemas/post-authentication';
import { TEST_ADMIN } from '@/test/admin';
import { defined } from '@/test/defined';

import { handleRealmGet } from './endpoint';
import { forgetCachedRealms } from './realm-cache';
import { RENEW_STEP_MS } from './session';
import { NOW, PASSWORD, addUser, cookieHeader, cookiesOf, realmValues, setUpSsoRealm, signInForm } from './test-realm';
import { requestQuery } from './request-read';

// Signing in hashes a password and signs twice: give a shared, busy machine room.
vi.setConfig({ testTimeout: 30_000 });

beforeAll(setUpSsoRealm);

let realms = 0;
/** A fresh realm, a user signed in at it, and what a browser with that SSO cookie gets: the decoded Response. */
async function signedIn() {
  const username = `cache${(realms += 1)}`;
  await addUser(username, `${username}@example.com`);
  const realm = await createRealm(TEST_ADMIN, `Cache ${realms}`, realmValues);
  const cookie = cookieHeader(cookiesOf(await signInForm(username, PASSWORD, realm.slug)));
  const get = async (now = NOW + 1_000) => {
    const response = await handleRealmGet(new Request(`http://idp.test/sso/${realm.slug}`, { headers: { cookie } }), realm.slug, now);
    const value = /name="SAMLResponse" value="([^"]+)"/.exec(await response.text())?.[1];
    return value ? Buffer.from(value, 'base64').toString('utf8') : null;
  };
  const userId = defined((await listUsers(username)).users[0]).id;
  return { realm, get, userId };
}

const issuerOf = (xml: string | null) => /<saml:Issuer[^>]*>([^<]*)</.exec(xml ?? '')?.[1];
const certificateOf = (xml: string | null) => /<ds:X509Certificate>([^<]*)</.exec(xml ?? '')?.[1];

describe('the realm cache of the SSO pages', () => {
  test('a change saved by another instance (the realm version moved on in the database) counts at the next request', async () => {
    const { realm, get } = await signedIn();
    expect(issuerOf(await get())).toBe('urn:realmgate:test-idp');
    // As another instance's save does it: the tab's row and the realm's version, nothing in this process.
    await db.realmPostAuth.update({ where: { realmId: realm.id }, data: { issuer: 'urn:changed:elsewhere' } });
    expect(issuerOf(await get())).toBe('urn:realmgate:test-idp'); // the version did not move: the cached realm
    await db.realm.update({ where: { id: realm.id }, data: { version: { increment: 1 } } });
    expect(issuerOf(await get())).toBe('urn:changed:elsewhere');
  });

  test('a new default certificate signs at the next request, though no realm changed', async () => {
    const { get } = await signedIn();
    const before = certificateOf(await get());
    const other = await saveCertificate(
      TEST_ADMIN,
      generateCertificate({ commonName: 'Next default', bits: 2048, years: 30, now: new Date('2026-01-01T00:00:00Z') }),
      'generate',
    );
    const [previous] = await db.certificate.findMany({ where: { isDefault: true }, select: { id: true } });
    await setDefaultCertificate(TEST_ADMIN, other.id);
    try {
      const after = certificateOf(await get());
      expect(after).toBeDefined();
      expect(after).not.toBe(before);
    } finally {
      await setDefaultCertificate(TEST_ADMIN, defined(previous).id);
    }
  });

  test('a user disabled or given a new password on another instance is signed out at the next request', async () => {
    const disabled = await signedIn();
    expect(await disabled.get()).not.toBeNull();
    await db.directoryUser.update({ where: { id: disabled.userId }, data: { disabled: true } });
    expect(await disabled.get()).toBeNull();

    const repassworded = await signedIn();
    expect(await repassworded.get()).not.toBeNull();
    await db.directoryUser.update({ where: { id: repassworded.userId }, data: { passwordHash: 'another hash' } });
    expect(await repassworded.get()).toBeNull();
  });

  test('a session ended on another instance (its row deleted) is over at the next request', async () => {
    const { realm, get } = await signedIn();
    expect(await get()).not.toBeNull();
    await db.ssoSession.deleteMany({ where: { realmId: realm.id } });
    expect(await get()).toBeNull();
  });

  test('a deleted realm is gone at the next request, though it was cached', async () => {
    const { realm, get } = await signedIn();
    expect(await get()).not.toBeNull();
    await db.realm.delete({ where: { id: realm.id } });
    const response = await handleRealmGet(new Request(`http://idp.test/sso/${realm.slug}`), realm.slug, NOW);
    expect(response.status).toBe(404);
  });

  test('a signed-in request reads the database once: one query, no write while the session end moves less than a step', async () => {
    const { get } = await signedIn();
    expect(await get()).not.toBeNull(); // the realm is cached now
    const queries = vi.spyOn(requestQuery, 'run');
    const updates = vi.spyOn(db.ssoSession, 'updateMany');
    // What the request read before: the realm, its certificate, the session, the user.
    const others = [
      vi.spyOn(db, '$queryRaw'),
      vi.spyOn(db.realm, 'findUnique'),
      vi.spyOn(db.certificate, 'findFirst'),
      vi.spyOn(db.ssoSession, 'findUnique'),
      vi.spyOn(db.directoryUser, 'findUnique'),
    ];
    expect(await get(NOW + 2_000)).not.toBeNull();
    expect(queries).toHaveBeenCalledTimes(1);
    expect(updates).not.toHaveBeenCalled();
    for (const other of others) expect(other).not.toHaveBeenCalled();
    expect(await get(NOW + 2_000 + RENEW_STEP_MS)).not.toBeNull(); // sliding expiration: now the end moves
    expect(updates).toHaveBeenCalledTimes(1);
    vi.restoreAllMocks();
  });

  test('a stored value the form would refuse today, but an assertion does not use, never stops sign-in', async () => {
    const { realm, get } = await signedIn();
    // As if the form's rule for the SP start URL had been tightened after this value was saved.
    await db.realmPostAuth.update({ where: { realmId: realm.id }, data: { spStartUrl: 'ftp://old.example.com/start' } });
    await db.realm.update({ where: { id: realm.id }, data: { version: { increment: 1 } } });
    const { values } = await loadTab(realm.id, 'post-authentication');
    expect(postAuthenticationSchema.safeParse(values).success).toBe(false);
    expect(issuerOf(await get())).toBe('urn:realmgate:test-idp');
  });

  test('a process with an empty cache loads the realm and signs the same', async () => {
    const { get } = await signedIn();
    const first = issuerOf(await get());
    forgetCachedRealms();
    expect(issuerOf(await get())).toBe(first);
  });
});
