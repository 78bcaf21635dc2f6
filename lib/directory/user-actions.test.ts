import { describe, expect, test } from 'vitest';

import { loadUser } from './repository';
import { createUserFromForm, deleteUserFromForm, saveUserFromForm, setUserDisabledFromForm } from './user-actions';
import { loadUserListPage, loadUserPage } from './user-pages';

const PASSWORD = 'a good long password';
let counter = 0;

async function created() {
  const result = await createUserFromForm({ username: `action.user${++counter}`, password: PASSWORD });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.values;
}

describe('directory server actions never trust the browser', () => {
  test.each<[string, unknown, string]>([
    ['a short password', { username: 'short.pw', password: 'short' }, 'password'],
    ['a username with a space', { username: 'two words', password: PASSWORD }, 'username'],
    ['an object where text belongs', { username: { $ne: '' }, password: PASSWORD }, 'username'],
    ['no body at all', null, 'root.form'],
  ])('Add user refuses %s with a field error', async (_case, input, field) => {
    const result = await createUserFromForm(input);
    expect(result.ok).toBe(false);
    expect(result.ok ? {} : result.fieldErrors).toHaveProperty([field]);
  });

  test('a user id with a lone surrogate is no user, and never reaches the database', async () => {
    expect(await setUserDisabledFromForm('u\uD800', { disabled: true })).toEqual({
      ok: false,
      formError: expect.stringMatching(/does not exist/),
    });
    expect(await deleteUserFromForm('u\uD800', { confirmUsername: 'x' })).toEqual({
      ok: false,
      formError: expect.stringMatching(/does not exist/),
    });
    const { values } = await loadUser((await created()).id);
    expect(await saveUserFromForm('u\uD800', 1, values)).toEqual({ ok: false, formError: expect.stringMatching(/incomplete/) });
  });

  test('Add user refuses a username that exists in another case, at the field', async () => {
    const user = await created();
    expect(await createUserFromForm({ username: user.username.toUpperCase(), password: PASSWORD })).toMatchObject({
      ok: false,
      fieldErrors: { username: expect.stringMatching(/already exists/) },
    });
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['an Email 2 that is not an email', { email2: 'not-an-email' }, 'email2'],
    ['a short replacement password', { password: { isSet: true, replacement: 'short' } }, 'password.replacement'],
    ['Disabled sent as text', { disabled: 'false' }, 'disabled'],
    ['a missing property', { auxId3: undefined }, 'auxId3'],
  ])('Save refuses %s with a field error and stores nothing', async (_case, change, field) => {
    const user = await created();
    const before = await loadUser(user.id);
    const result = await saveUserFromForm(user.id, before.version, { ...before.values, ...change });
    expect(result.ok ? {} : result.fieldErrors).toHaveProperty([field]);
    expect(await loadUser(user.id)).toEqual(before);
  });

  test.each<[string, unknown, unknown, unknown]>([
    ['a body that is not an object', 'x', 1, 'hello'],
    ['a version that is not a number', 'x', '1', {}],
    ['a user id that is not text', 42, 1, {}],
  ])('Save answers %s with a message, not an exception', async (_case, userId, version, values) => {
    const result = await saveUserFromForm(userId, version, values);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : (result.formError ?? Object.keys(result.fieldErrors ?? {}).join())).not.toBe('');
  });

  test('Save reports a stale version as a conflict, and returns no password', async () => {
    const user = await created();
    const { values, version } = await loadUser(user.id);
    const withPassword = { ...values, password: { isSet: true, replacement: 'replacement password' } };
    const saved = await saveUserFromForm(user.id, version, withPassword);
    expect(saved).toMatchObject({ ok: true, version: version + 1, values: { password: { isSet: true, replacement: null } } });
    expect(JSON.stringify(saved)).not.toContain('replacement password');
    expect(await saveUserFromForm(user.id, version, values)).toMatchObject({ ok: false, conflict: true });
  });

  test('Disable, Enable and Delete answer unknown users and malformed input without throwing', async () => {
    expect(await setUserDisabledFromForm('no-such-user', { disabled: true })).toEqual({
      ok: false,
      formError: 'This user does not exist (any more).',
    });
    expect(await setUserDisabledFromForm(undefined, { disabled: true })).toMatchObject({ ok: false, formError: expect.any(String) });
    expect(await setUserDisabledFromForm('x', { disabled: 'yes' })).toMatchObject({
      ok: false,
      fieldErrors: { disabled: expect.any(String) },
    });
    expect(await deleteUserFromForm('no-such-user', { confirmUsername: 'x' })).toEqual({
      ok: false,
      formError: 'This user does not exist (any more).',
    });
  });

  test('Disable then Delete with the typed username', async () => {
    const user = await created();
    expect(await setUserDisabledFromForm(user.id, { disabled: true })).toMatchObject({ ok: true, values: { disabled: true } });
    expect(await deleteUserFromForm(user.id, { confirmUsername: 'wrong' })).toMatchObject({
      ok: false,
      fieldErrors: { confirmUsername: expect.any(String) },
    });
    expect(await deleteUserFromForm(user.id, { confirmUsername: user.username })).toEqual({ ok: true, values: null, version: 0 });
    expect(await loadUserPage(user.id)).toBeNull();
  });

  test('the list page reads its filter from the query string', async () => {
    const user = await created();
    const page = await loadUserListPage([user.username, 'x']);
    expect(page.filter).toBe('');
    const filtered = await loadUserListPage(` ${user.username.toUpperCase()} `);
    expect(filtered.filter).toBe(user.username.toUpperCase());
    expect(filtered.users.map((row) => row.id)).toEqual([user.id]);
  });
});
