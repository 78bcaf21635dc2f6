/** A page's query string as Next hands it to a server component (`searchParams`). */
export type SearchParams = Record<string, string | string[] | undefined>;

/** A query parameter's first value, trimmed; '' when absent. */
export const firstParam = (value: string | string[] | undefined): string =>
  (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
