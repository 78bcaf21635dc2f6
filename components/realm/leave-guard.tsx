'use client';

import { useEffect, useRef, useState } from 'react';

import { useRouter } from 'next/navigation';

import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';

/** The part of the Navigation API this guard reads (Chromium 102+, Firefox 147+, Safari 26.2+). */
type NavigationLike = { currentEntry: { index: number } | null };

/** A way off the page the admin asked for, held while the dialog asks Save / Discard / Stay. */
type PendingLeave = { proceed: () => void };

function findLeavingLink(event: MouseEvent): URL | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!(anchor instanceof HTMLAnchorElement) || anchor.hasAttribute('download')) return null;
  if (anchor.target && anchor.target !== '_self') return null; // a new tab leaves this one as it is
  const url = new URL(anchor.href, window.location.href);
  const here = new URL(window.location.href);
  const samePage = url.origin === here.origin && url.pathname === here.pathname && url.search === here.search;
  return samePage ? null : url;
}

/**
 * Next.js has no navigation blocker, so this is the one place that holds an admin on a form with unsaved
 * changes (STYLE §3). While `active`:
 * - link clicks anywhere in the page are caught before Next's <Link> sees them;
 * - browser back/forward: the popstate is caught before Next's router handles it, the browser is moved back
 *   to this entry, and the traversal is replayed only if the admin chooses Save or Discard;
 * - reload and closing the tab get the browser's own leave prompt (beforeunload).
 */
export function useLeaveGuard(active: boolean) {
  const router = useRouter();
  const [pending, setPending] = useState<PendingLeave | null>(null);
  const leaving = useRef(false);

  useEffect(() => {
    if (!active) return;
    leaving.current = false;
    const navigation = (window as unknown as { navigation?: NavigationLike }).navigation;
    const homeIndex = navigation?.currentEntry?.index;

    const onClick = (event: MouseEvent) => {
      const url = leaving.current ? null : findLeavingLink(event);
      if (!url) return;
      event.preventDefault();
      event.stopPropagation();
      const sameOrigin = url.origin === window.location.origin;
      setPending({
        proceed: () => (sameOrigin ? router.push(`${url.pathname}${url.search}${url.hash}`) : window.location.assign(url.href)),
      });
    };

    const onPopState = (event: PopStateEvent) => {
      const index = navigation?.currentEntry?.index;
      if (leaving.current || homeIndex === undefined || index === undefined) return;
      // Capture phase on window runs before the router's own listener; stopping here keeps the page as it is.
      event.stopImmediatePropagation();
      const delta = index - homeIndex;
      if (delta === 0) return; // the browser is back on this entry after the history.go below
      window.history.go(-delta);
      setPending({ proceed: () => window.history.go(delta) });
    };

    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (leaving.current) return;
      event.preventDefault();
      event.returnValue = ''; // older browsers show the prompt only when returnValue is set
    };

    document.addEventListener('click', onClick, true);
    window.addEventListener('popstate', onPopState, true);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('click', onClick, true);
      window.removeEventListener('popstate', onPopState, true);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [active, router]);

  return {
    pending,
    stay: () => setPending(null),
    /** Lets the held navigation go; the caller has saved or discarded first. */
    leave: () => {
      leaving.current = true;
      pending?.proceed();
      setPending(null);
    },
    /** For actions that leave on purpose (e.g. reload after a conflict). */
    allowLeaving: () => {
      leaving.current = true;
    },
  };
}

export function LeaveDialog({
  open,
  tabLabel,
  busy,
  onSave,
  onDiscard,
  onStay,
}: {
  open: boolean;
  tabLabel: string;
  busy: boolean;
  onSave: () => void;
  onDiscard: () => void;
  onStay: () => void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !next && onStay()}
      title="Unsaved changes"
      description={`You have unsaved changes on ${tabLabel}. Save them before you leave?`}
    >
      <div className="flex justify-end gap-2">
        <Button onClick={onStay} disabled={busy}>
          Stay
        </Button>
        <Button variant="danger" onClick={onDiscard} disabled={busy}>
          Discard
        </Button>
        <Button variant="primary" onClick={onSave} disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </Button>
      </div>
    </Dialog>
  );
}
