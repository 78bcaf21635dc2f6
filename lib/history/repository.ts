import 'server-only';

import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';

import { type HistoryFilters, HISTORY_PAGE_SIZE, toDateRange } from './filters';
import type { Actor, ChangeAction, ChangeRecordView, FieldChange, ObjectType } from './types';

/** The only history code that queries the database. Records are written only through recordChange. */

type Tx = Prisma.TransactionClient;

export type NewChangeRecord = {
  objectType: ObjectType;
  objectId: string;
  objectName: string;
  action: ChangeAction;
  changes: FieldChange[];
  /** The realm a realm record belongs to. */
  realmId?: string;
  /** The realm tab a tab record changed. */
  tab?: string;
  /** What a restore needs (tab values before and after, or a deleted realm's tabs), secrets stripped. */
  snapshot?: unknown;
  /** A restore's source record. */
  sourceRecordId?: number;
};

/**
 * Records a change. Call it with the transaction that makes the change, so that the change and its record are
 * stored together or not at all. `changes` must never hold a secret: use secretChange() for those fields.
 *
 * For lib/auth's admin accounts: `recordChange(tx, actor, { objectType: 'admin', objectId: admin.id,
 * objectName: admin.username, action: 'create' | 'save' | 'role' | 'password' | 'disable' | 'enable' | 'delete',
 * changes })`, e.g. through recordAdminChange (./admin-changes.ts), which builds the changes.
 */
export async function recordChange(tx: Tx, actor: Actor, record: NewChangeRecord): Promise<number> {
  const { snapshot, changes, realmId, tab, sourceRecordId, ...rest } = record;
  const created = await tx.changeRecord.create({
    data: {
      ...rest,
      createdAt: new Date(),
      adminId: actor.id,
      adminUsername: actor.username,
      realmId: realmId ?? null,
      tab: tab ?? null,
      changes: JSON.stringify(changes),
      snapshot: snapshot === undefined ? null : JSON.stringify(snapshot),
      sourceRecordId: sourceRecordId ?? null,
    },
    select: { id: true },
  });
  return created.id;
}

const VIEW_SELECT = {
  id: true,
  createdAt: true,
  adminId: true,
  adminUsername: true,
  objectType: true,
  objectId: true,
  objectName: true,
  realmId: true,
  tab: true,
  action: true,
  changes: true,
  sourceRecordId: true,
} as const satisfies Prisma.ChangeRecordSelect;

function toView(row: Prisma.ChangeRecordGetPayload<{ select: typeof VIEW_SELECT }>): ChangeRecordView {
  const { adminId, adminUsername, changes, ...rest } = row;
  return {
    ...rest,
    admin: { id: adminId, username: adminUsername },
    objectType: rest.objectType as ObjectType,
    action: rest.action as ChangeAction,
    changes: JSON.parse(changes) as FieldChange[],
  };
}

function toWhere(filters: HistoryFilters): Prisma.ChangeRecordWhereInput {
  const { from, to } = toDateRange(filters);
  return {
    adminId: filters.adminId,
    realmId: filters.realmId,
    objectType: filters.objectType,
    tab: filters.tab,
    createdAt: from || to ? { gte: from, lt: to } : undefined,
  };
}

/** One page of records, newest first, and whether older ones follow. */
export async function listChangeRecords(filters: HistoryFilters): Promise<{ records: ChangeRecordView[]; hasOlder: boolean }> {
  const rows = await db.changeRecord.findMany({
    where: toWhere(filters),
    select: VIEW_SELECT,
    // Ids grow with every record: they order records made within the same millisecond too.
    orderBy: { id: 'desc' },
    skip: (filters.page - 1) * HISTORY_PAGE_SIZE,
    take: HISTORY_PAGE_SIZE + 1,
  });
  return { records: rows.slice(0, HISTORY_PAGE_SIZE).map(toView), hasOlder: rows.length > HISTORY_PAGE_SIZE };
}

export async function loadChangeRecord(id: number): Promise<(ChangeRecordView & { snapshot: unknown }) | null> {
  const row = await db.changeRecord.findUnique({ where: { id }, select: { ...VIEW_SELECT, snapshot: true } });
  if (!row) return null;
  const { snapshot, ...view } = row;
  return { ...toView(view), snapshot: snapshot === null ? null : (JSON.parse(snapshot) as unknown) };
}

/**
 * The admins, and unless one realm's history is shown the realms, found in the history, each under the name of
 * its latest record. Grouped in the database (the indexes on adminId and realmId serve it): with thousands of
 * realms and records, reading every record to find the distinct ones took longer than the rest of the page.
 */
export async function listHistoryChoices({ withRealms = true } = {}): Promise<{ admins: Actor[]; realms: { id: string; name: string }[] }> {
  const [admins, realms] = await Promise.all([
    db.$queryRaw<Actor[]>`
      SELECT "adminId" AS "id", "adminUsername" AS "username" FROM "ChangeRecord"
      WHERE "id" IN (SELECT MAX("id") FROM "ChangeRecord" GROUP BY "adminId")`,
    withRealms
      ? db.$queryRaw<{ id: string; name: string }[]>`
          SELECT "realmId" AS "id", "objectName" AS "name" FROM "ChangeRecord"
          WHERE "id" IN (SELECT MAX("id") FROM "ChangeRecord" WHERE "realmId" IS NOT NULL GROUP BY "realmId")`
      : [],
  ]);
  return {
    admins: admins.sort((a, b) => a.username.localeCompare(b.username)),
    realms: realms.sort((a, b) => a.name.localeCompare(b.name)),
  };
}
