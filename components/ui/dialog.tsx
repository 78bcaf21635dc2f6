'use client';

import type { ReactNode } from 'react';

import dynamic from 'next/dynamic';

export type DialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
};

// Radix's dialog (focus trap, scroll lock, portal) is a good share of a console page's script (issue 11: at most
// 200 kB gzipped on first load): it loads when a dialog first opens, not with every page that could open one.
const DialogPanel = dynamic(() => import('./dialog-panel').then((module) => module.DialogPanel), { ssr: false });

/** A modal dialog with a title, a description and action buttons; nothing at all while closed. */
export function Dialog(props: DialogProps) {
  return props.open ? <DialogPanel {...props} /> : null;
}
