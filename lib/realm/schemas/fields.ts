import { z } from 'zod';

import { type UnsafeCharacter, type UnsafeCharacterKind, findUnsafeCharacter, isWellFormed } from '@/lib/characters';
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

export const BROKEN_TEXT_MESSAGE = 'This holds a broken character (half of a UTF-16 pair): type it again rather than pasting it';

const UNSAFE_CHARACTER_MESSAGES: Record<UnsafeCharacterKind, (at: string) => string> = {
  broken: () => BROKEN_TEXT_MESSAGE,
  'line-break': () => 'Use a single line',
  separator: (at) => `Replace the line or paragraph separator ${at} with an ordinary line break`,
  control: (at) => `Remove the invisible control character ${at}`,
  'private-use': (at) => `Remove the private-use character ${at}: it means nothing outside one font`,
  noncharacter: (at) => `Remove the noncharacter ${at}`,
};

// Marks the issues of the character rule, so the start-up check (lib/stored-text.ts) can tell them from others.
const UNSAFE_CHARACTER_PARAMS = Object.freeze({ rule: 'unsafe-character' });

export function isUnsafeCharacterIssue(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'custom' && issue.params?.rule === UNSAFE_CHARACTER_PARAMS.rule;
}

export function describeUnsafeCharacter({ kind, codePoint, position }: UnsafeCharacter): string {
  const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
  return UNSAFE_CHARACTER_MESSAGES[kind](`U+${hex} at position ${position}`);
}

/**
 * What every text field takes: trimmed, line ends as LF, and only characters that XML 1.0 (assertions,
 * metadata), the database and one line of a page or header can carry. Every text field is built from this,
 * so a new field refuses NUL, controls, lone surrogates, private-use characters and noncharacters for free.
 */
function characterSchema(multiLine: boolean) {
  return z
    .string({ error: 'Enter text' })
    .trim()
    .overwrite((value) => value.replace(/\r\n?/g, '\n'))
    .superRefine((value, ctx) => {
      const found = findUnsafeCharacter(value, { multiLine });
      if (found) ctx.addIssue({ code: 'custom', message: describeUnsafeCharacter(found), params: UNSAFE_CHARACTER_PARAMS });
    });
}

/** Multi-line text (a textarea): tab and line feed are kept, nothing else below U+0020. */
export function textSchema(max: number, tooLong = `Use at most ${max} characters`) {
  return characterSchema(true).max(max, { error: tooLong });
}

/** Single-line text: line breaks in header or cookie values open the door to injection; tabs are controls too. */
export function lineSchema(max: number) {
  return characterSchema(false).max(max, { error: `Use at most ${max} characters` });
}

/** One or more X.509 certificates in PEM (the shape only: the server parses them before it stores them). */
export const PEM_CERTIFICATES = /^(-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----\n*)+$/;

/** Ids of stored records (UUIDs): anything else is no id, and never reaches a database query. */
export const RECORD_ID = /^[A-Za-z0-9-]{1,64}$/;

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

/**
 * '' or an absolute https URL, stored as WHATWG URL serialises it (`href`: `<` as %3C, host in lower case), so
 * that what the browser posts to and what the assertion names (Destination, Recipient) are the same string.
 * Required-ness is a rule of the tab (superRefine), not of the field.
 */
export function optionalHttpsUrlSchema() {
  return lineSchema(2048)
    .refine((value) => value === '' || parseHttpsUrl(value) !== null, { error: HTTPS_URL_MESSAGE })
    .overwrite((value) => parseHttpsUrl(value)?.href ?? value);
}

const HOSTNAME = /^(?=.{1,253}$)(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*$/;
// WHATWG URL reads a host whose last label is a number (decimal, or hex as 0x…) as an IPv4 address, and
// refuses it when out of range (999.999.999.999, 4294967296): such a name is an address, never a DNS name.
const NUMERIC_LAST_LABEL = /(^|\.)(\d+|0x[0-9a-f]*)$/i;
// An IPv4 address in the one spelling everyone reads alike: four decimal octets without leading zeros
// (010.0.0.1 is 8.0.0.1 to WHATWG URL and 10.0.0.1 to others).
const IPV4 = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** A DNS host name (RFC 1123 labels) whose last label is not a number. */
export function isHostname(value: string): boolean {
  return HOSTNAME.test(value) && !NUMERIC_LAST_LABEL.test(value);
}

/**
 * A host name or a dotted-decimal IPv4 address. Addresses are accepted: a mail server or a lab IdP is often
 * reached by one, and an https certificate can name an IP address.
 */
export function isHost(value: string): boolean {
  return isHostname(value) || IPV4.test(value);
}

/** '' or a bare host (no scheme, port or path). */
export function optionalHostnameSchema(example: string) {
  return lineSchema(253).refine((value) => value === '' || isHost(value), {
    error: `Enter a host name or IPv4 address only, e.g. ${example} (no https://, port or path)`,
  });
}

/**
 * The domain users reach the IdP at (metadata's https://<domain>/sso/<realm>): a host name or IPv4 address
 * with an optional port, normalised as a browser would (lower case, no default :443); null when it is
 * anything else. Total: whatever arrives (a query string, a stored value), it answers and never throws.
 */
export function parseDomain(value: string): string | null {
  const [, host, port] = /^([^:/\s]+)(?::(\d{1,5}))?$/.exec(value) ?? [];
  if (!host || !isHost(host) || (port !== undefined && (Number(port) < 1 || Number(port) > 65535))) return null;
  try {
    return new URL(`https://${host}${port === undefined ? '' : `:${Number(port)}`}`).host;
  } catch {
    return null; // WHATWG's host parser has rules of its own; what it refuses is no domain either
  }
}

export function optionalDomainSchema(example: string) {
  return lineSchema(259).refine((value) => value === '' || parseDomain(value) !== null, {
    error: `Enter a host name or IPv4 address, e.g. ${example}, with a port if needed (no https:// or path)`,
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
  // Kept exactly as typed, any character, but whole ones: a lone surrogate would be stored as U+FFFD.
  replacement: z.string().max(512, { error: 'Use at most 512 characters' }).refine(isWellFormed, { error: BROKEN_TEXT_MESSAGE }).nullable(),
});
export type SecretValue = z.infer<typeof secretSchema>;

export function secretValue(storedCiphertext: string | null): SecretValue {
  return { isSet: storedCiphertext !== null, replacement: null };
}

export function hasSecret(secret: SecretValue): boolean {
  return (secret.replacement ?? '') !== '' || secret.isSet;
}
