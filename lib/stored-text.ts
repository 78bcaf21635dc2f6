import 'server-only';

import type { z } from 'zod';

import { eachUserValues } from '@/lib/directory/repository';
import { directoryUserSchema } from '@/lib/directory/schemas';
import { loadAllRealmTabs } from '@/lib/realm/repository';
import { TAB_SCHEMAS } from '@/lib/realm/schemas';
import { isUnsafeCharacterIssue } from '@/lib/realm/schemas/fields';
import { REALM_TABS } from '@/lib/realm/tabs';

/**
 * The start-up check for text stored before the forms refused unsafe characters (NUL, controls, lone
 * surrogates …), or written around them: which realm or user, which fields. Never the values: they may be
 * anything, and logs are read by more people than the console.
 */
export type UnsafeStoredText = { where: string; fields: string[] };

/** The fields whose value breaks the shared character rule (and no other rule: those are the tabs' business). */
function unsafeFields(schema: z.ZodType, values: unknown): string[] {
  const result = schema.safeParse(values);
  if (result.success) return [];
  return [...new Set(result.error.issues.filter(isUnsafeCharacterIssue).map((issue) => issue.path.join('.')))];
}

export async function findUnsafeStoredText(): Promise<UnsafeStoredText[]> {
  const found: UnsafeStoredText[] = [];
  for (const { realm, tabs } of await loadAllRealmTabs()) {
    for (const { slug, label } of REALM_TABS) {
      const fields = unsafeFields(TAB_SCHEMAS[slug], tabs[slug]);
      // The slug and the console page, not the name: the name may be the value that holds the character.
      if (fields.length > 0) found.push({ where: `realm ${realm.slug}, tab ${label} (/realms/${realm.id}/${slug})`, fields });
    }
  }
  for await (const user of eachUserValues()) {
    const fields = unsafeFields(directoryUserSchema, user.values);
    if (fields.length > 0) found.push({ where: `directory user /directory/${user.id}`, fields });
  }
  return found;
}

/** Logs one warning per realm tab or user that holds unsafe text; returns how many there are. */
export async function reportUnsafeStoredText(warn: (line: string) => void = console.warn): Promise<number> {
  const found = await findUnsafeStoredText();
  for (const { where, fields } of found) {
    warn(
      `Realmgate: ${where} holds characters that XML or a single line cannot carry in: ${fields.join(', ')}. ` +
        'Sign-ins and metadata that use them are refused until an admin corrects them there.',
    );
  }
  return found.length;
}
