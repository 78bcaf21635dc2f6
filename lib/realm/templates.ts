import 'server-only';

import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { AppError, ValidationError } from '@/lib/errors';
import type { Actor } from '@/lib/history/types';
import { TAB_SCHEMAS, type TabValues } from '@/lib/realm/schemas';
import type { RealmTab } from '@/lib/realm/tabs';

import { type RealmSummary, createRealm } from './realm-list-repository';
import { type CreateRealmFormValues, type RealmTemplate, fillTemplate, realmTemplateSchema } from './template-schema';

/** The realm templates: one JSON file each in this folder; adding a service provider is adding a file. */
export const TEMPLATE_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib', 'realm', 'templates');

/** The file format, and every value named for a field that the tab has (a field of a later release is refused). */
const templateFileSchema = realmTemplateSchema.superRefine((template, ctx) => {
  for (const [tab, values] of Object.entries(template.tabs) as [RealmTab, Record<string, unknown>][]) {
    const fields: Record<string, unknown> = TAB_SCHEMAS[tab].shape;
    for (const field of Object.keys(values)) {
      if (!(field in fields)) ctx.addIssue({ code: 'custom', path: ['tabs', tab, field], message: `${tab} has no field ${field}` });
    }
  }
});

/** One template file, checked; a broken file throws with its name and every problem. */
export function parseRealmTemplate(file: string, text: string): RealmTemplate {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`Realm template ${file} is not JSON: ${(error as Error).message}`);
  }
  const parsed = templateFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Realm template ${file} is not valid: ${problems}`);
  }
  return { id: path.basename(file, '.json'), ...parsed.data };
}

/** Every template in `dir`, by name. Read on each use: a handful of small files, and never stale. */
export function loadRealmTemplates(dir = TEMPLATE_DIR): RealmTemplate[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => parseRealmTemplate(file, readFileSync(path.join(dir, file), 'utf8')))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function loadRealmTemplate(id: string): RealmTemplate {
  const template = loadRealmTemplates().find((candidate) => candidate.id === id);
  if (!template) throw new Error(`No realm template ${id}`);
  return template;
}

/** The realm a template makes passes every tab's checks, as a save would; otherwise nothing is created. */
function checkTabs(template: RealmTemplate, tabs: TabValues): TabValues {
  for (const [tab, schema] of Object.entries(TAB_SCHEMAS)) {
    const parsed = schema.safeParse(tabs[tab as RealmTab]);
    if (!parsed.success) {
      const [issue] = parsed.error.issues;
      throw new AppError(
        `The template "${template.name}" does not make a valid realm (${tab}.${issue?.path.join('.')}: ${issue?.message}).`,
      );
    }
  }
  return tabs;
}

/** "Create realm": blank, or from a template with the admin's parameters (checked by createRealmFormSchema). */
export async function createRealmFromTemplate(
  actor: Actor,
  { name, template: id, parameters }: CreateRealmFormValues,
  templates: readonly RealmTemplate[],
): Promise<RealmSummary> {
  if (id === '') return createRealm(actor, name);
  const template = templates.find((candidate) => candidate.id === id);
  if (!template) throw new ValidationError({ template: 'Choose a template from the list' });
  const random = randomBytes(6).toString('hex');
  return createRealm(
    actor,
    name,
    (defaults, slug) => checkTabs(template, fillTemplate(template, defaults, { ...parameters, slug, random })),
    {
      origin: { field: 'template', label: 'Template', before: null, after: template.name },
    },
  );
}
