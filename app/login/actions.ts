'use server';

import { redirect } from 'next/navigation';

import { type SignInState, signInFromForm } from '@/lib/auth/actions';

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const result = await signInFromForm(form);
  if (!result.ok) return result.state;
  return redirect(result.next);
}
