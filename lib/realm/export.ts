import 'server-only';

import { z } from 'zod';

import { type TabValues, TAB_SCHEMAS, secretFieldsOf } from '@/lib/realm/schemas';
import type { SecretValue } from '@/lib/realm/schemas/fields';
import { REALM_TABS, type RealmTab } from '@/lib/realm/tabs';

import { defaultTabValues } from './realm-list-repository';
import { loadAllRealmTabs } from './repository';

/**
 * Realm export and import (README "Move realms between instances"): every tab's form values as versioned JSON,
 * `{ format, version, realms: [{ slug, tabs }] }`. Secrets (SMTP and LDAP passwords) never leave: a stored one is
 * `{ "omitted": true }`, none is `null`. Import checks every tab with its zod schema (the forms' rules) and says
 * where each problem is: `realms[0].post-authentication.consumerUrl: …`.
 */
export const EXPORT_FORMAT = 'realmgate-realms';
export const EXPORT_VERSION = 1;

/** A secret in an export: never its value, only whether the realm had one. */
export type ExportedSecret = { omitted: true } | null;
type ExportedTab = Record<string, unknown>;
export type ExportedRealm = { slug: string; tabs: Record<RealmTab, ExportedTab> };
export type RealmExport = { format: typeof EXPORT_FORMAT; version: typeof EXPORT_VERSION; exportedAt: string; realms: ExportedRealm[] };

function toExportedTab(tab: RealmTab, values: TabValues[RealmTab]): ExportedTab {
  const exported: ExportedTab = { ...values };
  for (const field of secretFieldsOf(tab)) {
    const secret = exported[field] as SecretValue;
    exported[field] = (secret.isSet ? { omitted: true } : null) satisfies ExportedSecret;
  }
  return exported;
}

/** Every realm, or those with these ids, ready to download. */
export async function exportRealms(realmIds?: string[], now = new Date()): Promise<RealmExport> {
  const realms = (await loadAllRealmTabs()).filter(({ realm }) => !realmIds || realmIds.includes(realm.id));
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    realms: realms.map(({ realm, tabs }) => ({
      slug: realm.slug,
      tabs: Object.fromEntries(REALM_TABS.map(({ slug: tab }) => [tab, toExportedTab(tab, tabs[tab])])) as ExportedRealm['tabs'],
    })),
  };
}

/** The download's file name: one realm by its slug, else all of them, with the day. */
export function exportFileName(exported: RealmExport): string {
  const day = exported.exportedAt.slice(0, 10);
  const [only] = exported.realms;
  return exported.realms.length === 1 && only ? `realmgate-realm-${only.slug}-${day}.json` : `realmgate-realms-${day}.json`;
}

/** A realm to import: its slug and the tabs' values, checked; secrets say only whether the export had one. */
export type ImportedRealm = { slug: string; values: TabValues; omittedSecrets: string[] };

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const tabSchema = z.record(z.string(), z.unknown());
const envelopeSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { error: `Not a Realmgate realm export (format must be "${EXPORT_FORMAT}")` }),
  version: z.literal(EXPORT_VERSION, { error: `This Realmgate reads export version ${EXPORT_VERSION}` }),
  realms: z.array(
    z.object({
      slug: z.string().max(60).regex(SLUG, { error: 'Use lower-case letters, digits and single hyphens' }),
      tabs: z.object({
        overview: tabSchema,
        data: tabSchema,
        workflow: tabSchema,
        'multi-factor-methods': tabSchema,
        'post-authentication': tabSchema,
      } satisfies Record<RealmTab, unknown>),
    }),
  ),
});

const pathOf = (path: PropertyKey[]) =>
  path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
    '',
  );

/** A secret marker back to the form value: a stored one kept (on update), none cleared; anything else is a problem. */
function fromExportedSecret(value: unknown): SecretValue | null {
  if (value === null) return { isSet: false, replacement: null };
  if (typeof value === 'object' && (value as { omitted?: unknown }).omitted === true) return { isSet: true, replacement: null };
  return null;
}

/** One realm's tabs, each parsed with its schema over the defaults (fields added since the export keep theirs). */
function parseRealm(realm: z.infer<typeof envelopeSchema>['realms'][number], at: string, problems: string[]): ImportedRealm | null {
  const defaults = defaultTabValues(String(realm.tabs.overview.name ?? realm.slug), realm.slug);
  const values: Partial<Record<RealmTab, unknown>> = {};
  const omittedSecrets: string[] = [];
  for (const { slug: tab } of REALM_TABS) {
    const input: ExportedTab = { ...defaults[tab], ...realm.tabs[tab] };
    for (const field of secretFieldsOf(tab)) {
      const secret = fromExportedSecret(input[field]);
      if (!secret) problems.push(`${at}.${tab}.${field}: A secret is never imported: use { "omitted": true } or null`);
      else if (secret.isSet) omittedSecrets.push(field);
      input[field] = secret ?? { isSet: false, replacement: null };
    }
    const parsed = TAB_SCHEMAS[tab].safeParse(input);
    if (parsed.success) values[tab] = parsed.data;
    else for (const issue of parsed.error.issues) problems.push(`${at}.${pathOf([tab, ...issue.path])}: ${issue.message}`);
  }
  return problems.length === 0 ? { slug: realm.slug, values: values as TabValues, omittedSecrets } : null;
}

/** The realms of an export file, every tab checked, or every problem with its path. */
export function parseRealmExport(text: string): { ok: true; realms: ImportedRealm[] } | { ok: false; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problems: ['This file is not JSON: choose a file made by Export.'] };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success)
    return { ok: false, problems: envelope.error.issues.map((issue) => `${pathOf(issue.path) || 'file'}: ${issue.message}`) };
  const problems: string[] = [];
  const realms = envelope.data.realms.map((realm, i) => parseRealm(realm, `realms[${i}]`, problems));
  const slugs = envelope.data.realms.map((realm) => realm.slug);
  slugs.forEach((slug, i) => {
    if (slugs.indexOf(slug) !== i) problems.push(`realms[${i}].slug: "${slug}" is in this file twice`);
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, realms: realms.filter((realm): realm is ImportedRealm => realm !== null) };
}

/** GET /realms/export (every realm) or ?realm=<id> (one): the JSON file to download, or a 404 for an unknown realm. */
export async function exportDownload(realmId: string | null, now = new Date()): Promise<Response> {
  const exported = await exportRealms(realmId === null ? undefined : [realmId], now);
  if (realmId !== null && exported.realms.length === 0) return new Response('This realm does not exist.\n', { status: 404 });
  return new Response(`${JSON.stringify(exported, null, 2)}\n`, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(exported)}"`,
      'Cache-Control': 'no-store',
    },
  });
}
