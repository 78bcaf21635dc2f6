/**
 * A LIKE pattern matching values that contain `text` literally, for `LIKE … ESCAPE '\'`: `%` and `_` in the text
 * would otherwise act as wildcards (Prisma's `contains` does not escape them). Works on SQLite and PostgreSQL
 * (DESIGN "PostgreSQL"); LIKE is case-sensitive on PostgreSQL, so compare lower-cased columns with lower-cased text.
 */
export function toContainsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}
