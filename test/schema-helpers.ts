/**
 * Columns a database row may carry that no form defines (a ciphertext, a column added later). Converter tests
 * add them to rows: the form values must come out without them.
 */
export const DB_ONLY = Object.freeze({ futureSecretEnc: 'v1.iv.tag.ciphertext', signingKeyId: 'k1' });

/** A schema's messages keyed by field path ('' for the whole object); {} when the values are valid. */
export function fieldErrorsOf(
  schema: {
    safeParse(values: unknown): { success: true } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  values: unknown,
): Record<string, string> {
  const result = schema.safeParse(values);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}
