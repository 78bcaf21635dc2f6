import 'server-only';

import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import type { SearchParams } from '@/lib/http/search-params';
import { toContainsPattern } from '@/lib/like-pattern';
import { type ExpiringCertificate, describeExpiry, listExpiringCertificates } from '@/lib/certificates/expiry';
import type { RealmSummary } from '@/lib/realm/realm-list-repository';

import { REALM_PAGE_SIZE, type RealmListQuery, parseRealmListQuery } from './realm-list-params';

/** The realms list page's query (realm-list-params.ts has the filters): filtered and counted in the database. */

/** A realm of the list, with a warning when a certificate it signs with (or will) expires within 30 days. */
export type RealmListRow = RealmSummary & { certificateWarning: string | null };

export type RealmListPage = {
  query: RealmListQuery;
  /** What in a hand-edited query string was left out, in words. */
  problems: string[];
  realms: RealmListRow[];
  /** Realms matching the filters, on every page. */
  total: number;
  pageCount: number;
};

function whereClause({ text, redirect }: RealmListQuery): Prisma.Sql {
  // Names are matched by their lower-cased key (LIKE is case-sensitive on PostgreSQL); slugs are lower case.
  const pattern = toContainsPattern(text.toLowerCase());
  const byText = text ? Prisma.sql`AND (r."nameKey" LIKE ${pattern} ESCAPE '\\' OR r."slug" LIKE ${pattern} ESCAPE '\\')` : Prisma.empty;
  // EXISTS, not IN: the page's rows are then read in name order straight from the index, without a sort.
  const byRedirect = redirect
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM "RealmPostAuth" p WHERE p."realmId" = r."id" AND p."redirect" = ${redirect})`
    : Prisma.empty;
  return Prisma.sql`WHERE 1 = 1 ${byText} ${byRedirect}`;
}

type SummaryRow = {
  id: string;
  slug: string;
  name: string;
  version: number | bigint;
  redirect: string | null;
  signingCertificateId: string | null;
  nextCertificateId: string | null;
};

/** The warning of a row: the first expiring certificate the realm signs with (the default, if it chose none) or will. */
function certificateWarning(row: SummaryRow, expiring: ExpiringCertificate[]): string | null {
  const used = expiring.find(
    (certificate) =>
      certificate.id === row.nextCertificateId ||
      (row.signingCertificateId === null ? certificate.isDefault : certificate.id === row.signingCertificateId),
  );
  return used ? `Certificate ${used.commonName} ${describeExpiry(used)}` : null;
}

/** One page of the realms matching the query, by name, and how many match; a page past the end shows the last. */
export async function listRealmPage(params: SearchParams, now = new Date()): Promise<RealmListPage> {
  const { query, problems } = parseRealmListQuery(params);
  const where = whereClause(query);
  // Counted and paged on the realms alone; each realm's redirect is looked up for the page's rows only.
  // Every realm has its Post Authentication row: filtered by redirect alone, the count is read from that index.
  const counted =
    query.redirect && !query.text
      ? Prisma.sql`SELECT COUNT(*) AS "count" FROM "RealmPostAuth" WHERE "redirect" = ${query.redirect}`
      : Prisma.sql`SELECT COUNT(*) AS "count" FROM "Realm" r ${where}`;
  const [{ count } = { count: 0 }] = await db.$queryRaw<{ count: number | bigint }[]>(counted);
  const total = Number(count);
  const pageCount = Math.max(1, Math.ceil(total / REALM_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const rows = await db.$queryRaw<SummaryRow[]>`
    SELECT r."id", r."slug", r."name", r."version", p."redirect", p."signingCertificateId", p."nextCertificateId" FROM (
      SELECT r."id", r."slug", r."name", r."version", r."nameKey" FROM "Realm" r ${where}
      ORDER BY r."nameKey" LIMIT ${REALM_PAGE_SIZE} OFFSET ${(page - 1) * REALM_PAGE_SIZE}
    ) r LEFT JOIN "RealmPostAuth" p ON p."realmId" = r."id" ORDER BY r."nameKey"`;
  const expiring = await listExpiringCertificates(now);
  const realms = rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    version: Number(row.version),
    redirect: row.redirect ?? 'none',
    certificateWarning: certificateWarning(row, expiring),
  }));
  return { query: { ...query, page }, problems, realms, total, pageCount };
}
