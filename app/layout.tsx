import type { ReactNode } from 'react';

import type { Metadata } from 'next';

import { HistoryGuardInstaller } from '@/components/ui/leave-guard';

import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Realmgate', template: '%s · Realmgate' },
  description: 'Realmgate identity provider console',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <HistoryGuardInstaller />
        {children}
      </body>
    </html>
  );
}
