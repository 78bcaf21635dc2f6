import { revalidatePath } from 'next/cache';

import type { FormResult } from '@/lib/form-result';

/**
 * After a successful console change, every console page renders afresh: names, certificates and users show
 * up on pages other than the one that changed them (realm list, Post Authentication, …).
 */
export function revalidated<T>(result: FormResult<T>): FormResult<T> {
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}
