import { z } from 'zod';

import { lineSchema } from './fields';

/** Realm Name: the display name admins give a realm. Unique regardless of case (checked by the repository). */
export const realmNameSchema = lineSchema(100).min(1, { error: 'Enter a realm name' });

/** The one-field form behind Create, Rename and Duplicate on the realms list. */
export const realmNameFormSchema = z.object({ name: realmNameSchema });

/** Delete asks the admin to type the realm's name, so a realm is never deleted by a stray click. */
export const deleteRealmSchema = z.object({ confirmName: z.string().trim() });

/** The key that makes names unique regardless of case and surrounding spaces. */
export function toNameKey(name: string): string {
  return name.trim().toLowerCase();
}

// Letters that Unicode does not decompose into a base letter plus accents.
const TRANSLITERATION: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', þ: 'th' };

/** The URL slug for a name: lower-case letters, digits and single hyphens (the realm URL is /sso/<slug>). */
export function toSlug(name: string): string {
  const slug = name
    .replace(/[ßæœøđłþ]/gi, (char) => TRANSLITERATION[char.toLowerCase()] ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'realm';
}
