'use server';

import { changeOwnPasswordFromForm } from '@/lib/auth/actions';

export async function changeOwnPasswordAction(input: unknown) {
  return changeOwnPasswordFromForm(input);
}
