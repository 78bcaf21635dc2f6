import { z } from 'zod';

import type { TabValues } from '@/lib/realm/schemas';
import { realmNameSchema } from '@/lib/realm/schemas/realm';
import { REALM_TABS, type RealmTab } from '@/lib/realm/tabs';

/**
 * Realm templates (issue 9): a template is data, one JSON file per service provider in lib/realm/templates/. It
 * names the values it sets on each tab (a partial set of the tab's fields), with `{parameter}` placeholders for
 * what the admin gives when creating the realm (a region, an account code). This file is the format; it reads no
 * files and needs no tab schema, so the "Create realm" dialog checks the parameters in the browser with it too.
 * templates.ts loads the files and checks their fields against the tab schemas.
 */

/** Placeholders every template may use besides its parameters: the new realm's URL slug and 12 random hex digits. */
export const BUILT_IN_PLACEHOLDERS = Object.freeze(['slug', 'random'] as const);

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

const parameterSchema = z
  .object({
    label: z.string().min(1),
    hint: z.string().optional(),
    /** A choice among these values (a select), or free text matching `pattern`. */
    options: z
      .array(z.string().regex(/^[A-Za-z0-9-]+$/))
      .min(1)
      .optional(),
    pattern: z.string().optional(),
    /** The field message when the value does not match `pattern`. */
    message: z.string().optional(),
  })
  .refine((parameter) => (parameter.options === undefined) !== (parameter.pattern === undefined), {
    error: 'A parameter has either options or a pattern (with its message)',
  })
  .refine((parameter) => parameter.pattern === undefined || parameter.message !== undefined, {
    error: 'A pattern needs the message shown when a value does not match it',
  });

const tabValuesSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

export const realmTemplateSchema = z
  .object({
    name: z.string().min(1).max(100),
    description: z.string().max(300),
    parameters: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/), parameterSchema),
    tabs: z.partialRecord(z.enum(REALM_TABS.map((tab) => tab.slug) as [RealmTab, ...RealmTab[]]), tabValuesSchema),
  })
  .superRefine((template, ctx) => {
    const declared = new Set<string>([...Object.keys(template.parameters), ...BUILT_IN_PLACEHOLDERS]);
    for (const name of BUILT_IN_PLACEHOLDERS) {
      if (name in template.parameters) ctx.addIssue({ code: 'custom', path: ['parameters', name], message: `{${name}} is built in` });
    }
    for (const [tab, values] of Object.entries(template.tabs) as [RealmTab, Record<string, unknown>][]) {
      for (const [field, value] of Object.entries(values)) {
        const at = ['tabs', tab, field];
        for (const [, name = ''] of typeof value === 'string' ? value.matchAll(PLACEHOLDER) : []) {
          if (!declared.has(name)) ctx.addIssue({ code: 'custom', path: at, message: `{${name}} is not a parameter of this template` });
        }
      }
    }
  });

export type RealmTemplateData = z.infer<typeof realmTemplateSchema>;
/** A template as the console offers it: its id is its file name without `.json`. */
export type RealmTemplate = RealmTemplateData & { id: string };

/** The parameters' checks, as field messages under `parameters.<name>`. */
function checkParameters(template: RealmTemplate, values: Record<string, string>, ctx: z.RefinementCtx) {
  for (const [name, parameter] of Object.entries(template.parameters)) {
    const value = values[name] ?? '';
    const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['parameters', name], message });
    if (parameter.options && !parameter.options.includes(value)) issue(`Choose the ${parameter.label}`);
    if (parameter.pattern && !new RegExp(parameter.pattern).test(value)) issue(parameter.message ?? 'Check this value');
  }
}

/**
 * "Create realm": a name, and a blank realm ('') or a template with its parameters. Built from the templates on
 * offer, in the browser from the ones the page passed, on the server from the files.
 */
export function createRealmFormSchema(templates: readonly RealmTemplate[]) {
  return z
    .object({
      name: realmNameSchema,
      // Blank unless a template is chosen (callers that only name the realm send neither).
      template: z.string().default(''),
      parameters: z.record(z.string(), z.string().trim()).default({}),
    })
    .superRefine((values, ctx) => {
      if (values.template === '') return;
      const template = templates.find((candidate) => candidate.id === values.template);
      if (!template) return ctx.addIssue({ code: 'custom', path: ['template'], message: 'Choose a template from the list' });
      checkParameters(template, values.parameters, ctx);
    });
}

export type CreateRealmFormValues = z.infer<ReturnType<typeof createRealmFormSchema>>;

/**
 * The tabs of a new realm made from a template: the defaults, with the template's values and its placeholders
 * filled. The parameters are the admin's, checked by createRealmFormSchema (the demo realm keeps the guide's
 * <ACCOUNT_CODE> on purpose).
 */
export function fillTemplate(
  template: RealmTemplateData,
  defaults: TabValues,
  values: Record<string, string> & { slug: string; random: string },
): TabValues {
  const fill = (value: string | number | boolean) =>
    typeof value === 'string' ? value.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole) : value;
  const filled: Record<string, unknown> = { ...defaults };
  for (const [tab, tabValues] of Object.entries(template.tabs) as [RealmTab, Record<string, string | number | boolean>][]) {
    const changes = Object.fromEntries(Object.entries(tabValues).map(([field, value]) => [field, fill(value)]));
    filled[tab] = { ...defaults[tab], ...changes };
  }
  return filled as TabValues;
}
