import { beforeAll, describe, expect, test } from 'vitest';

import { type StoredCertificate, deleteCertificate, listRealmsFollowingDefault, saveCertificate } from '@/lib/certificates/store';
import { generateCertificate } from '@/lib/crypto/certificates';
import { AppError, ConflictError, ValidationError } from '@/lib/errors';
import { listChangeRecords } from '@/lib/history/repository';
import { SCHEDULE_ACTOR } from '@/lib/history/types';
import { defaultPostAuthenticationValues, postAuthenticationSchema } from '@/lib/realm/schemas/post-authentication';
import { TEST_ADMIN } from '@/test/admin';
import { defined } from '@/test/defined';

import { loadPostAuthenticationPage, resolveRealmCertificates, switchCertificateNow, switchToNextCertificate } from './certificate-switch';
import { createRealm } from './realm-list-repository';
import { loadTab, saveTab } from './repository';

const SWITCH_AT = '2027-01-31T09:00';
const certificates: { current?: StoredCertificate; next?: StoredCertificate } = {};

beforeAll(async () => {
  const generate = (commonName: string) =>
    saveCertificate(
      TEST_ADMIN,
      generateCertificate({ commonName, bits: 2048, years: 5, now: new Date('2026-01-01T00:00:00Z') }),
      'generate',
    );
  certificates.current = await generate('Switch current');
  certificates.next = await generate('Switch next');
});

async function plannedRealm(name: string) {
  return createRealm(TEST_ADMIN, name, (defaults) => ({
    ...defaults,
    'post-authentication': {
      ...defaults['post-authentication'],
      signingCertificateId: defined(certificates.current).id,
      nextCertificateId: defined(certificates.next).id,
      switchAt: SWITCH_AT,
    },
  }));
}

const switchRecords = async (realmId: string) =>
  (await listChangeRecords({ realmId, page: 1 })).records.filter((record) => record.action === 'switch-certificate');

describe('the planned certificate switch', () => {
  test('does not happen before Switch At', async () => {
    const realm = await plannedRealm('Not yet');
    const { values } = await loadTab(realm.id, 'post-authentication');
    const early = await resolveRealmCertificates(realm.id, values, new Date('2027-01-31T08:59:59.999Z'));
    expect(early).toEqual({ current: certificates.current?.id, next: certificates.next?.id });
    expect(await switchToNextCertificate(SCHEDULE_ACTOR, realm.id, { dueBy: new Date('2027-01-31T08:59:00Z') })).toBe(false);
    expect((await loadTab(realm.id, 'post-authentication')).values.signingCertificateId).toBe(certificates.current?.id);
  });

  test('applies once when many instances see it due at the same moment', async () => {
    const realm = await plannedRealm('Many instances');
    const { values } = await loadTab(realm.id, 'post-authentication');
    const due = new Date('2027-01-31T09:00:00Z');
    const seen = await Promise.all(Array.from({ length: 8 }, () => resolveRealmCertificates(realm.id, values, due)));
    expect(new Set(seen.map((resolved) => resolved.current))).toEqual(new Set([certificates.next?.id]));
    expect(await switchRecords(realm.id)).toHaveLength(1);
    const after = await loadTab(realm.id, 'post-authentication');
    expect(after.values).toMatchObject({ signingCertificateId: certificates.next?.id, nextCertificateId: '', switchAt: '' });
  });

  test('shows on Post Authentication once its time has come, even before anything signed', async () => {
    const realm = await plannedRealm('Console shows it');
    expect((await loadPostAuthenticationPage(realm.id, new Date('2027-01-31T08:00:00Z')))?.values.nextCertificateId).toBe(
      certificates.next?.id,
    );
    const page = await loadPostAuthenticationPage(realm.id, new Date('2027-01-31T09:00:00Z'));
    expect(page?.values).toMatchObject({ signingCertificateId: certificates.next?.id, nextCertificateId: '' });
  });

  test('moves the tab version on: a form opened before the switch cannot save the old certificate back', async () => {
    const realm = await plannedRealm('Open form');
    const opened = await loadTab(realm.id, 'post-authentication');
    expect(await switchToNextCertificate(SCHEDULE_ACTOR, realm.id, { dueBy: new Date('2027-02-01T00:00:00Z') })).toBe(true);
    await expect(saveTab(TEST_ADMIN, realm.id, 'post-authentication', opened.values, opened.version)).rejects.toBeInstanceOf(ConflictError);
  });

  test('"Switch now" switches at once, recorded under the admin, and says so when nothing is planned', async () => {
    const realm = await plannedRealm('Switch now');
    await switchCertificateNow(TEST_ADMIN, realm.id);
    expect((await loadTab(realm.id, 'post-authentication')).values.signingCertificateId).toBe(certificates.next?.id);
    const [record] = await switchRecords(realm.id);
    expect(record?.admin).toEqual({ id: TEST_ADMIN.id, username: TEST_ADMIN.username });
    expect(record?.changes).toContainEqual(expect.objectContaining({ label: 'Signing Cert Serial Number' }));
    await expect(switchCertificateNow(TEST_ADMIN, realm.id)).rejects.toThrow(AppError);
    await expect(switchCertificateNow(TEST_ADMIN, realm.id)).rejects.toThrow(/No certificate switch is planned/);
  });
});

describe('the next certificate on Post Authentication', () => {
  const defaultsFor = () => defaultPostAuthenticationValues({ slug: 'x' });
  const base = (overrides: object) => postAuthenticationSchema.parse({ ...defaultsFor(), ...overrides });
  const issues = (overrides: object) =>
    postAuthenticationSchema
      .safeParse({ ...defaultsFor(), ...overrides })
      .error?.issues.map((issue) => [issue.path.join('.'), issue.message]);

  test.each([
    ['a next certificate without its time', { nextCertificateId: 'c1' }, 'switchAt', /when the next certificate takes over/],
    ['a time without a next certificate', { switchAt: SWITCH_AT }, 'nextCertificateId', /Choose the next certificate/],
    [
      'the current certificate as the next',
      { signingCertificateId: 'c1', nextCertificateId: 'c1', switchAt: SWITCH_AT },
      'nextCertificateId',
      /signs with this certificate already/,
    ],
    ['a time that is no time', { nextCertificateId: 'c1', switchAt: '2027-02-30T09:00' }, 'switchAt', /in UTC/],
    ['a time with a zone', { nextCertificateId: 'c1', switchAt: '2027-01-31T09:00Z' }, 'switchAt', /in UTC/],
  ])('refuses %s with a field message', (_name, overrides, field, message) => {
    expect(issues(overrides)).toContainEqual([field, expect.stringMatching(message)]);
  });

  test('accepts a planned switch, and none', () => {
    expect(base({ nextCertificateId: 'c2', switchAt: SWITCH_AT }).switchAt).toBe(SWITCH_AT);
    expect(base({}).nextCertificateId).toBe('');
  });

  test('saving refuses the default certificate as the next one of a realm that follows the default', async () => {
    const realm = await createRealm(TEST_ADMIN, 'Follows the default');
    const loaded = await loadTab(realm.id, 'post-authentication');
    const defaultId = defined(certificates.current).id; // the first certificate saved became the default
    const saving = saveTab(
      TEST_ADMIN,
      realm.id,
      'post-authentication',
      { ...loaded.values, nextCertificateId: defaultId, switchAt: SWITCH_AT },
      loaded.version,
    );
    await expect(saving).rejects.toBeInstanceOf(ValidationError);
    await expect(saving).rejects.toMatchObject({ fieldErrors: { nextCertificateId: expect.stringMatching(/default certificate/) } });
  });
});

describe('certificates in a rollover', () => {
  test('neither the current nor the next certificate of a realm can be deleted, and the message says which realm uses it how', async () => {
    const realm = await plannedRealm('Keeps both');
    await expect(deleteCertificate(TEST_ADMIN, defined(certificates.next).id)).rejects.toThrow(
      new RegExp(`^In use by .*${realm.name} \\(its next certificate\\).*: choose another certificate there first\\.$`),
    );
    await expect(deleteCertificate(TEST_ADMIN, defined(certificates.current).id)).rejects.toThrow(
      new RegExp(`In use by .*${realm.name} \\(signs with it\\)`),
    );
  });

  test('Make default names the realms that follow the default, and only those', async () => {
    const follower = await createRealm(TEST_ADMIN, 'Follows whatever is default');
    await plannedRealm('Chose its own');
    const names = (await listRealmsFollowingDefault()).map((realm) => realm.name);
    expect(names).toContain(follower.name);
    expect(names).not.toContain('Chose its own');
  });
});
