import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';

import { currentAdmin, safeNextPath } from '@/lib/auth/admin';
import { SignInForm } from '@/components/auth/sign-in-form';

import { signInAction } from './actions';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  await connection();
  const next = safeNextPath((await searchParams).next);
  if (await currentAdmin()) return redirect(next);
  return (
    <main className="mx-auto mt-24 max-w-sm rounded-lg bg-white p-8 shadow-sm ring-1 ring-slate-200">
      <h1 className="mb-6 text-xl font-semibold tracking-tight">Sign in to Realmgate</h1>
      <SignInForm next={next} signIn={signInAction} />
    </main>
  );
}
