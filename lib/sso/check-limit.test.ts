import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';

import { db } from '@/lib/db';
import { localUserStore } from '@/lib/directory/local';

import { handleRealmPost } from './endpoint';
import { CHECKS_PER_ADDRESS } from './sign-in';
import { NOW, PASSWORD, browser, setUpSsoRealm, signInForm, sso } from './test-realm';

// Password hashing on a shared, busy machine.
vi.setConfig({ testTimeout: 60_000 });

beforeAll(setUpSsoRealm);
afterEach(() => {
  vi.restoreAllMocks();
});

/** Username | Password from `address` up to the password step: the request that posts a wrong password. */
async function wrongPassword(address: string, username = 'flooder') {
  const client = browser(sso.slug, address);
  await client.get(NOW);
  await client.post({ step: 'username', username }, NOW);
  return client.request({ step: 'password', password: 'not the password' });
}

/** Makes the flooder's password checks wait until `open()`: they stay in flight meanwhile. */
function holdChecks() {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const authenticate = localUserStore.authenticate;
  const spy = vi.spyOn(localUserStore, 'authenticate').mockImplementation(async (username, password) => {
    if (username === 'flooder') await gate;
    return authenticate(username, password);
  });
  return { spy, open };
}

const addressCount = async (address: string) =>
  (await db.throttle.findUnique({ where: { key: `sso-sign-in:address:${address}` } }))?.count ?? 0;

describe('password checks in flight per client address', () => {
  test(`an address with ${CHECKS_PER_ADDRESS} checks in flight gets a 429 at once, unchecked and uncounted; others sign in`, async () => {
    const address = '2001:db8:f100d::1';
    const { spy, open } = holdChecks();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const held = await Promise.all(Array.from({ length: CHECKS_PER_ADDRESS }, () => wrongPassword(address)));
    const pending = held.map((request) => handleRealmPost(request, sso.slug, NOW));
    await vi.waitFor(() => expect(spy).toHaveBeenCalledTimes(CHECKS_PER_ADDRESS), { timeout: 30_000 });
    const counted = await addressCount(address);

    const refused = await handleRealmPost(await wrongPassword(address), sso.slug, NOW);
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('Too many sign-ins from your network are being checked right now');
    expect(spy).toHaveBeenCalledTimes(CHECKS_PER_ADDRESS); // never checked
    expect(await addressCount(address)).toBe(counted); // and not counted as a failure

    // Another address signs in meanwhile.
    const other = await signInForm('jane', PASSWORD);
    expect(await other.text()).toContain('SAMLResponse');

    open();
    expect((await Promise.all(pending)).map((response) => response.status)).toEqual(Array(CHECKS_PER_ADDRESS).fill(401));
    // The slots are free again: the next guess from the address is checked (and wrong).
    const again = await handleRealmPost(await wrongPassword(address), sso.slug, NOW);
    expect(again.status).toBe(401);
    expect(await db.checkSlot.count({ where: { key: { contains: address } } })).toBe(0);
  });

  test('a check that fails (the directory is down) gives its slot back too', async () => {
    const address = '2001:db8:f100d::2';
    vi.spyOn(localUserStore, 'authenticate').mockRejectedValue(new Error('directory down'));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (let i = 0; i <= CHECKS_PER_ADDRESS; i += 1) {
      expect((await handleRealmPost(await wrongPassword(address, 'unlucky'), sso.slug, NOW)).status).toBe(500);
    }
    expect(await db.checkSlot.count({ where: { key: { contains: address } } })).toBe(0);
  });

  test('a guess at a name locked out already is refused on one read: no counting writes', async () => {
    const address = '2001:db8:f100d::3';
    // The test realm locks a name out after 3 wrong passwords.
    for (let i = 0; i < 3; i += 1)
      expect((await handleRealmPost(await wrongPassword(address, 'locked.name'), sso.slug, NOW)).status).toBe(401);
    const request = await wrongPassword(address, 'locked.name');
    const writes = [vi.spyOn(db.throttle, 'upsert'), vi.spyOn(db.signInFailure, 'updateMany'), vi.spyOn(db.checkSlot, 'create')];
    const refused = await handleRealmPost(request, sso.slug, NOW);
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('Too many failed sign-ins');
    for (const write of writes) expect(write).not.toHaveBeenCalled();
  });
});
