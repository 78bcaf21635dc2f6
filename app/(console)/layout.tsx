import type { ReactNode } from 'react';

import Link from 'next/link';
import { connection } from 'next/server';

import { requireAdmin } from '@/lib/auth/admin';
import { checkCertificateExpiry } from '@/lib/certificates/expiry';
import { buttonClass } from '@/components/ui/button';
import { CanEditProvider } from '@/components/console/role';
import { ExpiryBanner } from '@/components/console/expiry-banner';

import { signOutAction } from './actions';

const CONSOLE_LINKS = Object.freeze([
  { href: '/realms', label: 'Realms' },
  { href: '/directory', label: 'Directory' },
  { href: '/certificates', label: 'Certificates' },
  { href: '/history', label: 'History' },
  { href: '/admins', label: 'Admins' },
]);

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const admin = await requireAdmin();
  await connection(); // the console always reads live data: never prerendered at build time
  const expiring = await checkCertificateExpiry(new Date());
  return (
    <CanEditProvider canEdit={admin.role === 'administrator'}>
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
            <div className="ml-auto flex items-center gap-3 text-sm">
              <Link href="/account" className="text-slate-700 hover:text-slate-900" aria-label={`Account of ${admin.username}`}>
                {admin.username}
                {admin.role === 'auditor' && (
                  <span className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">auditor</span>
                )}
              </Link>
              <form action={signOutAction}>
                <button type="submit" className={buttonClass('ghost')}>
                  Sign out
                </button>
              </form>
            </div>
          </div>
          <ExpiryBanner certificates={expiring} />
        </header>
        <main className="mx-auto max-w-5xl px-6 py-6">{children}</main>
      </div>
    </CanEditProvider>
  );
}
