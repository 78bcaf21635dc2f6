import Link from 'next/link';
import { connection } from 'next/server';

export default async function NotFound() {
  await connection(); // rendered per request, so its scripts carry the request's CSP nonce (proxy.ts)
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">There is no page or realm at this address. It may have been deleted.</p>
      <Link href="/realms" className="mt-6 inline-block text-brand-700 underline">
        Back to the realms list
      </Link>
    </main>
  );
}
