// What `npm run bench:http` (scripts/bench-http.mjs) puts in its throwaway database before the server starts: a
// realm set up for IdP-initiated SAML with a user to sign in, an administrator session for the console pages, and
// thousands more realms copied from the first in SQL (creating them one by one would take minutes).
import { randomUUID } from 'node:crypto';

import { adminCookie } from '@/lib/auth/admin';
import { createSession } from '@/lib/auth/sessions';
import { ensureDefaultCertificate } from '@/lib/certificates/store';
import { closeDatabase, db } from '@/lib/db';
import { createUser, loadUser, saveUser } from '@/lib/directory/repository';
import type { Actor } from '@/lib/history/types';
import { createRealm } from '@/lib/realm/realm-list-repository';

export const BENCH_USER = Object.freeze({ username: 'bench.user', password: 'bench user password 1' });
const ACS = 'https://sp.bench.test/saml/acs';

/** Every table holding one realm's rows, with whether its rows have an `id` of their own. */
const REALM_TABLES = Object.freeze([
  ['RealmOverview', false],
  ['RealmData', false],
  ['RealmProfileField', true],
  ['RealmWorkflow', false],
  ['RealmMfa', false],
  ['RealmContactMethod', true],
  ['RealmPostAuth', false],
  ['RealmSamlAttribute', true],
] as const);

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function columnsOf(table: string): Promise<string[]> {
  return (await db.$queryRawUnsafe<{ name: string }[]>(`PRAGMA table_info(${quote(table)})`)).map((column) => column.name);
}

/**
 * Copies the realm `templateId` `count` times in a few INSERT … SELECT statements: "Bench realm 00001" … at
 * /sso/bench-realm-00001 …, each with a 'create' history record as if an admin had made it.
 */
async function copyRealm(templateId: string, count: number): Promise<void> {
  const numbers = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})`;
  const id = `'${templateId}-' || printf('%05d', n.i)`;
  const name = `'Bench realm ' || printf('%05d', n.i)`;
  const copies: Record<string, Record<string, string>> = {
    Realm: { id, slug: `'bench-realm-' || printf('%05d', n.i)`, name, nameKey: `lower(${name})` },
    ChangeRecord: { realmId: id, objectId: id, objectName: name },
  };
  for (const [table, ownId] of REALM_TABLES) copies[table] = { realmId: id, ...(ownId ? { id: `t.id || '-' || n.i` } : {}) };
  for (const [table, replaced] of Object.entries(copies)) {
    const columns = (await columnsOf(table)).filter((column) => !(table === 'ChangeRecord' && column === 'id'));
    const values = columns.map((column) => replaced[column] ?? `t.${quote(column)}`);
    const where = table === 'Realm' ? 't.id = ?' : table === 'ChangeRecord' ? "t.realmId = ? AND t.action = 'create'" : 't.realmId = ?';
    await db.$executeRawUnsafe(
      `${numbers} INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) SELECT ${values.join(', ')} FROM n, ${quote(table)} t WHERE ${where}`,
      templateId,
    );
  }
}

/** Seeds the bench database; returns what the bench needs to sign in and to open the console. */
export async function seedBench(realmCount: number) {
  const actor: Actor = { id: randomUUID(), username: 'bench-admin' };
  await db.admin.create({
    data: { id: actor.id, username: actor.username, usernameKey: actor.username, role: 'administrator', passwordHash: 'none' },
  });
  await ensureDefaultCertificate();
  const realm = await createRealm(actor, 'Bench SSO', (defaults) => ({
    ...defaults,
    workflow: { ...defaults.workflow, defaultWorkflow: 'username-password' },
    'post-authentication': {
      ...defaults['post-authentication'],
      redirect: 'saml-idp-initiated',
      userIdMapping: 'email2',
      consumerUrl: ACS,
      recipient: ACS,
      issuer: 'urn:realmgate:bench',
      audience: 'https://sp.bench.test',
      samlAttributes: [{ name: 'mail', namespace: '', format: 'basic', value: 'email1', groupFilter: '' }],
    },
  }));
  const user = await createUser(actor, BENCH_USER);
  const { values, version } = await loadUser(user.id);
  await saveUser(actor, user.id, { ...values, email1: 'bench@example.com', email2: 'bench.user@example.com' }, version);
  await copyRealm(realm.id, Math.max(0, realmCount - 1));
  const cookie = { name: adminCookie().name, value: await createSession(actor.id, new Date()) };
  // A realm from the middle of the list, for the tab pages.
  const middle = `bench-realm-${String(Math.ceil(realmCount / 2)).padStart(5, '0')}`;
  const sample = realmCount > 1 ? await db.realm.findUniqueOrThrow({ where: { slug: middle } }) : realm;
  await closeDatabase();
  return { ssoSlug: realm.slug, sampleRealmId: sample.id, adminCookie: cookie };
}
