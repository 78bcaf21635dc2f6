/**
 * RFC 4515 §3: in an assertion value, `*`, `(`, `)`, `\` and NUL must be written as `\` and two hex digits.
 * Everything else (UTF-8 included) may stand as it is. Without this, a username of `*` would match every
 * entry, and `x)(uid=*` would rewrite the filter.
 */
export function escapeFilterValue(value: string): string {
  return value.replace(/[*()\\\0]/g, (char) => `\\${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The realm's Search Filter with every `%v` replaced by what the user typed, escaped. */
export function buildUserFilter(template: string, username: string): string {
  return template.replaceAll('%v', escapeFilterValue(username));
}

/**
 * The value of a DN's first RDN (`cn=Finance,ou=groups,…` → `Finance`), with RFC 4514 §2.4 escapes undone:
 * `\,` and friends, and `\XX` bytes of UTF-8. Group names in profiles and User Groups use it.
 */
export function firstRdnValue(dn: string): string {
  const raw = /^[^=]*=((?:\\.|[^,+\\])*)/su.exec(dn)?.[1] ?? '';
  return raw
    .replace(/((?:\\[0-9a-fA-F]{2})+)|\\(.)/gsu, (_, hex: string | undefined, char: string | undefined) =>
      hex ? Buffer.from(hex.replaceAll('\\', ''), 'hex').toString('utf8') : (char ?? ''),
    )
    .trim();
}
