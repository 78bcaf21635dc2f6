import type { ReactNode } from 'react';

import Link from 'next/link';
import { connection } from 'next/server';

import { requireAdmin } from '@/lib/auth/admin';

const CONSOLE_LINKS = Object.freeze([
  { href: '/realms', label: 'Realms' },
  { href: '/directory', label: 'Directory' },
  { href: '/certificates', label: 'Certificates' },
  { href: '/history', label: 'History' },
]);

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  await connection(); // the console always reads live data: never prerendered at build time
  await requireAdmin();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center gap-6 px-6 py-3">
          <Link href="/realms" className="text-lg font-semibold tracking-tight text-brand-700">
            Realmgate
          </Link>
          <nav aria-label="Console" className="flex gap-5">
            {CONSOLE_LINKS.map((link) => (
              <Link key={link.href} href={link.href} className="text-sm font-medium text-slate-700 hover:text-slate-900">
                {link.label}
              </Link>
            ))}
          </nav>
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-6 py-6">{children}</main>
    </div>
  );
}
