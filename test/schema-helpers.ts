import type { z } from 'zod';

import { toFieldErrors } from '@/lib/form-result';

/**
 * Columns a database row may carry that no form defines (a ciphertext, a column added later). Converter tests
 * add them to rows: the form values must come out without them.
 */
export const DB_ONLY = Object.freeze({ futureSecretEnc: 'v1.iv.tag.ciphertext', signingKeyId: 'k1' });

/**
 * A schema's messages keyed by field path, exactly as the console shows them (production's toFieldErrors: the
 * first message per field, 'root.form' for the whole object); {} when the values are valid.
 */
export function fieldErrorsOf(schema: z.ZodType, values: unknown): Record<string, string> {
  const result = schema.safeParse(values);
  return result.success ? {} : toFieldErrors(result.error);
}
