import { describe, expect, test } from 'vitest';

import { verifyPassword } from '@/lib/auth/password';
import { db } from '@/lib/db';
import { ConflictError, NotFoundError, ValidationError } from '@/lib/errors';

import {
  createUser,
  deleteUser,
  findUserByCredentials,
  listUsers,
  loadUser,
  saveUser,
  setUserDisabled,
  setUserPassword,
} from './repository';
import { type DirectoryUserValues, USER_LIST_LIMIT } from './schemas';
import { TEST_ADMIN } from '@/test/admin';

const PASSWORD = 'initial password 1';
let counter = 0;
const uniqueName = (base: string) => `${base}${++counter}`;

async function newUser(base = 'user') {
  return createUser(TEST_ADMIN, { username: uniqueName(base), password: PASSWORD });
}

/** The stored hash, read straight from the table: the repository itself never hands it out. */
async function storedHash(userId: string): Promise<string> {
  return (await db.directoryUser.findUniqueOrThrow({ where: { id: userId } })).passwordHash;
}

function edited(values: DirectoryUserValues): DirectoryUserValues {
  return { ...values, firstName: 'Alice', lastName: 'Liddell', email2: 'alice@example.org', auxId10: 'A-10', groups: 'Staff\nPayroll' };
}

describe('directory repository (throwaway SQLite)', () => {
  test('creates a user with empty properties, enabled, and loads it', async () => {
    const created = await newUser('Alice');
    expect(created).toMatchObject({ username: created.username, disabled: false, firstName: '', email1: '', version: 1 });
    const loaded = await loadUser(created.id);
    expect(loaded.version).toBe(1);
    expect(loaded.values).toMatchObject({
      username: created.username,
      disabled: false,
      password: { isSet: true, replacement: null },
      auxId10: '',
      groups: '',
    });
  });

  test('stores the password as an scrypt hash that verifies', async () => {
    const created = await newUser();
    const hash = await storedHash(created.id);
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
  });

  test('saves every profile property and bumps the version', async () => {
    const created = await newUser();
    const loaded = await loadUser(created.id);
    const saved = await saveUser(TEST_ADMIN, created.id, edited(loaded.values), loaded.version);
    expect(saved.version).toBe(loaded.version + 1);
    expect(saved.values).toEqual(edited(loaded.values));
    expect(await loadUser(created.id)).toEqual(saved);
  });

  test('renames a user, and a rename to another case of the same name is allowed', async () => {
    const created = await newUser('carol');
    const loaded = await loadUser(created.id);
    const renamed = await saveUser(TEST_ADMIN, created.id, { ...loaded.values, username: created.username.toUpperCase() }, loaded.version);
    expect(renamed.values.username).toBe(created.username.toUpperCase());
  });

  test('a save without a replacement keeps the password; a replacement changes it', async () => {
    const created = await newUser();
    const before = await storedHash(created.id);
    const loaded = await loadUser(created.id);
    const kept = await saveUser(TEST_ADMIN, created.id, edited(loaded.values), loaded.version);
    expect(await storedHash(created.id)).toBe(before);

    await saveUser(TEST_ADMIN, created.id, { ...kept.values, password: { isSet: true, replacement: 'replaced password 2' } }, kept.version);
    const after = await storedHash(created.id);
    expect(after).not.toBe(before);
    expect(await verifyPassword('replaced password 2', after)).toBe(true);
    expect(await verifyPassword(PASSWORD, after)).toBe(false);
  });

  test('refuses a save from a stale version and changes nothing', async () => {
    const created = await newUser();
    const first = await loadUser(created.id);
    const second = await loadUser(created.id);
    await saveUser(TEST_ADMIN, created.id, edited(first.values), first.version);
    const stale = saveUser(TEST_ADMIN, created.id, { ...second.values, email1: 'stale@example.com' }, second.version);
    await expect(stale).rejects.toThrow(ConflictError);
    expect((await loadUser(created.id)).values.email1).toBe('');
  });

  test('disabling from the list counts as a newer version for an open edit form', async () => {
    const created = await newUser();
    const open = await loadUser(created.id);
    const disabled = await setUserDisabled(TEST_ADMIN, created.id, true);
    expect(disabled).toMatchObject({ disabled: true, version: open.version + 1 });
    await expect(saveUser(TEST_ADMIN, created.id, edited(open.values), open.version)).rejects.toThrow(ConflictError);
    expect((await setUserDisabled(TEST_ADMIN, created.id, false)).disabled).toBe(false);
    expect((await loadUser(created.id)).values.disabled).toBe(false);
  });

  test.each<[string, (name: string) => string]>([
    ['the same case', (name) => name],
    ['upper case', (name) => name.toUpperCase()],
    ['mixed case', (name) => name[0]?.toUpperCase() + name.slice(1)],
  ])('refuses a second user with the same username in %s', async (_case, variant) => {
    const created = await newUser('dup');
    const error = await createUser(TEST_ADMIN, { username: variant(created.username), password: PASSWORD }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.username).toMatch(/already exists/);
  });

  test('refuses renaming a user to another user’s name in any case, and changes nothing', async () => {
    const taken = await newUser('taken');
    const other = await newUser('other');
    const loaded = await loadUser(other.id);
    await expect(
      saveUser(TEST_ADMIN, other.id, { ...edited(loaded.values), username: taken.username.toUpperCase() }, loaded.version),
    ).rejects.toThrow(ValidationError);
    expect(await loadUser(other.id)).toEqual(loaded);
  });

  test('deletes a user only when the username is typed exactly', async () => {
    const created = await newUser('Dora');
    await expect(deleteUser(TEST_ADMIN, created.id, created.username.toLowerCase())).rejects.toThrow(ValidationError);
    await deleteUser(TEST_ADMIN, created.id, ` ${created.username} `);
    await expect(loadUser(created.id)).rejects.toThrow(NotFoundError);
    expect(await db.directoryUser.count({ where: { id: created.id } })).toBe(0);
  });

  test('an unknown user is NotFound for every operation', async () => {
    const { values } = await loadUser((await newUser()).id);
    await expect(loadUser('nope')).rejects.toThrow(NotFoundError);
    await expect(saveUser(TEST_ADMIN, 'nope', values, 1)).rejects.toThrow(NotFoundError);
    await expect(setUserPassword(TEST_ADMIN, 'nope', 'another password')).rejects.toThrow(NotFoundError);
    await expect(setUserDisabled(TEST_ADMIN, 'nope', true)).rejects.toThrow(NotFoundError);
    await expect(deleteUser(TEST_ADMIN, 'nope', 'nope')).rejects.toThrow(NotFoundError);
  });

  test('setUserPassword replaces the hash and moves the version on', async () => {
    const created = await newUser();
    await setUserPassword(TEST_ADMIN, created.id, 'brand new password');
    expect(await verifyPassword('brand new password', await storedHash(created.id))).toBe(true);
    expect((await loadUser(created.id)).version).toBe(created.version + 1);
  });

  test('lists users by username, filtered regardless of case, with LIKE wildcards taken literally', async () => {
    const stamp = Date.now().toString(36);
    const names = [`zed_${stamp}`, `Amy_${stamp}`, `mid${stamp}`, `zedx${stamp}`];
    for (const username of names) await createUser(TEST_ADMIN, { username, password: PASSWORD });
    const all = await listUsers(stamp.toUpperCase());
    expect(all.users.map((user) => user.username)).toEqual([`Amy_${stamp}`, `mid${stamp}`, `zed_${stamp}`, `zedx${stamp}`]);
    expect(all.truncated).toBe(false);
    expect((await listUsers(`ZED_${stamp}`)).users.map((user) => user.username)).toEqual([`zed_${stamp}`]);
    expect((await listUsers(`%${stamp}`)).users).toEqual([]);
  });

  test(`shows at most ${USER_LIST_LIMIT} users and says there are more`, async () => {
    const prefix = `bulk${Date.now().toString(36)}-`;
    // Straight into the table: hashing 201 real passwords would only slow the test down.
    await db.directoryUser.createMany({
      data: Array.from({ length: USER_LIST_LIMIT + 1 }, (_, i) => ({
        id: `${prefix}${i}`,
        username: `${prefix}${i}`,
        usernameKey: `${prefix}${i}`,
        passwordHash: 'x',
      })),
    });
    const list = await listUsers(prefix);
    expect(list.users).toHaveLength(USER_LIST_LIMIT);
    expect(list.truncated).toBe(true);
    expect((await listUsers(`${prefix}17`)).users.map((user) => user.username)).toEqual([
      `${prefix}17`,
      `${prefix}170`,
      `${prefix}171`,
      `${prefix}172`,
      `${prefix}173`,
      `${prefix}174`,
      `${prefix}175`,
      `${prefix}176`,
      `${prefix}177`,
      `${prefix}178`,
      `${prefix}179`,
    ]);
  });

  test('nothing the repository returns contains the password or its hash', async () => {
    const created = await newUser('secretive');
    const hash = await storedHash(created.id);
    const loaded = await loadUser(created.id);
    const returned = [
      created,
      loaded,
      await saveUser(TEST_ADMIN, created.id, edited(loaded.values), loaded.version),
      await setUserDisabled(TEST_ADMIN, created.id, false),
      await listUsers(created.username),
      await findUserByCredentials(created.username, PASSWORD),
    ];
    const text = JSON.stringify(returned);
    expect(text).not.toContain(hash);
    expect(text).not.toContain('scrypt');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('passwordHash');
  });
});
