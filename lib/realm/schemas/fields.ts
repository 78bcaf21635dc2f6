import { z } from 'zod';

import { type Option, UNAVAILABLE_HINT, findOption, optionValues } from '@/lib/realm/options';

/** A select over an option list that refuses the options Realmgate does not offer yet. `label` has its article: "a data store". */
export function optionSchema<V extends string>(options: readonly Option<V>[], label: string) {
  return z
    .enum(optionValues(options), { error: `Choose ${label} from the list` })
    .refine((value) => findOption(options, value)?.available === true, {
      error: (issue) => `${findOption(options, String(issue.input))?.label ?? 'This option'} is ${UNAVAILABLE_HINT}`,
    });
}

export function booleanSchema() {
  return z.boolean({ error: 'Choose True or False' });
}

/** A whole number in [min, max]; the message names the range because NaN (an empty box) lands here too. */
export function integerSchema(min: number, max: number) {
  const error = `Enter a whole number from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

export function textSchema(max: number) {
  return z
    .string({ error: 'Enter text' })
    .trim()
    .max(max, { error: `Use at most ${max} characters` });
}

/** Single-line text: line breaks in header or cookie values open the door to injection. */
export function lineSchema(max: number) {
  return textSchema(max).refine((value) => !/[\r\n]/.test(value), { error: 'Use a single line' });
}

/** An absolute https URL without credentials: assertions are bearer tokens and never travel in the clear. */
export function parseHttpsUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '' && !url.username && !url.password ? url : null;
  } catch {
    return null;
  }
}

export const HTTPS_URL_MESSAGE = 'Enter an absolute https:// URL, e.g. https://sp.example.com/acs';

/** '' or an absolute https URL. Required-ness is a rule of the tab (superRefine), not of the field. */
export function optionalHttpsUrlSchema() {
  return textSchema(2048).refine((value) => value === '' || parseHttpsUrl(value) !== null, {
    error: HTTPS_URL_MESSAGE,
  });
}

const HOSTNAME = /^(?=.{1,253}$)(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*$/;

export function isHostname(value: string): boolean {
  return HOSTNAME.test(value);
}

/** '' or a bare DNS host name (no scheme, port or path). */
export function optionalHostnameSchema(example: string) {
  return textSchema(253).refine((value) => value === '' || isHostname(value), {
    error: `Enter a host name only, e.g. ${example} (no https://, port or path)`,
  });
}

/**
 * The domain users reach the IdP at (metadata's https://<domain>/sso/<realm>): a host name with an optional
 * port, normalised as a browser would (lower case, no default :443); null when it is anything else.
 */
export function parseDomain(value: string): string | null {
  const [, host, port] = /^([^:/\s]+)(?::(\d{1,5}))?$/.exec(value) ?? [];
  if (!host || !isHostname(host) || (port !== undefined && (Number(port) < 1 || Number(port) > 65535))) return null;
  return new URL(`https://${host}${port === undefined ? '' : `:${Number(port)}`}`).host;
}

export function optionalDomainSchema(example: string) {
  return textSchema(259).refine((value) => value === '' || parseDomain(value) !== null, {
    error: `Enter a host name, e.g. ${example}, with a port if needed (no https:// or path)`,
  });
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

export function optionalEmailSchema() {
  return textSchema(254).refine((value) => value === '' || EMAIL.test(value), {
    error: 'Enter an email address, e.g. idp@example.com',
  });
}

/**
 * Copies only the form's own keys from a database row: a converter never hands the browser a column the
 * schema does not define (a ciphertext, a foreign key, a column added later).
 */
export function pickFormKeys<V>(row: object, schema: { shape: object }, except: readonly string[] = []): V {
  const keys = Object.keys(schema.shape).filter((key) => !except.includes(key));
  return Object.fromEntries(keys.map((key) => [key, (row as Record<string, unknown>)[key]])) as V;
}

/** An LDAP attribute description (RFC 4512 §2.5: a descriptor or an OID). */
export const LDAP_ATTRIBUTE = /^([A-Za-z][A-Za-z0-9-]*|\d+(\.\d+)+)$/;

/**
 * A stored secret as a form sees it: whether one is stored, and a replacement the admin typed.
 * The stored value itself never leaves the server (DESIGN "Data").
 * - replacement set            → store the replacement
 * - no replacement, isSet true  → keep what is stored
 * - no replacement, isSet false → clear it
 */
export const secretSchema = z.object({
  isSet: z.boolean(),
  replacement: z.string().max(512, { error: 'Use at most 512 characters' }).nullable(),
});
export type SecretValue = z.infer<typeof secretSchema>;

export function secretValue(storedCiphertext: string | null): SecretValue {
  return { isSet: storedCiphertext !== null, replacement: null };
}

export function hasSecret(secret: SecretValue): boolean {
  return (secret.replacement ?? '') !== '' || secret.isSet;
}
