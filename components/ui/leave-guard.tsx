'use client';

import { useEffect, useRef, useState } from 'react';

import { useRouter } from 'next/navigation';

/** The part of the Navigation API this guard reads (Chromium 102+, Firefox 147+, Safari 26.2+). */
type NavigationLike = { currentEntry: { index: number } | null };

/** A way off the page the admin asked for, held while the dialog asks Save / Discard / Stay. */
type PendingLeave = { proceed: () => void };

/** The form currently holding unsaved changes, as the history listener below sees it. */
type HistoryGuard = { homeIndex: number; leaving: boolean; hold: (delta: number) => void };
let activeHistoryGuard: HistoryGuard | null = null;

function currentIndex(): number | undefined {
  return (window as unknown as { navigation?: NavigationLike }).navigation?.currentEntry?.index;
}

/**
 * Back/forward: listeners on window run in the order they were added, and Next's router adds its popstate
 * listener when it hydrates. This one is added when this module loads, which is before hydration because the
 * root layout renders <HistoryGuardInstaller />. It stops the router from seeing a traversal away from a form
 * with unsaved changes, moves the browser back to the form's entry, and lets the form ask.
 */
if (typeof window !== 'undefined') {
  window.addEventListener('popstate', (event) => {
    const guard = activeHistoryGuard;
    const index = currentIndex();
    if (!guard || guard.leaving || index === undefined) return;
    event.stopImmediatePropagation();
    const delta = index - guard.homeIndex;
    if (delta === 0) return; // the browser is back on the form's entry after the history.go below
    window.history.go(-delta);
    guard.hold(delta);
  });
}

/** Rendered once in the root layout so that this module, and its history listener, load before the router. */
export function HistoryGuardInstaller(): null {
  return null;
}

function findLeavingLink(event: MouseEvent): URL | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!(anchor instanceof HTMLAnchorElement) || anchor.hasAttribute('download')) return null;
  if (anchor.target && anchor.target !== '_self') return null; // a new tab leaves this one as it is
  const url = new URL(anchor.href, window.location.href);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null; // mailto:, tel: … leave nothing behind
  const here = new URL(window.location.href);
  const samePage = url.origin === here.origin && url.pathname === here.pathname && url.search === here.search;
  return samePage ? null : url;
}

/**
 * Next.js has no navigation blocker, so this is the one place that holds an admin on a form with unsaved
 * changes (STYLE §3). While `active`:
 * - link clicks anywhere in the page are caught before Next's <Link> sees them;
 * - browser back/forward are caught by the history listener above and replayed only after Save or Discard;
 * - reload and closing the tab get the browser's own leave prompt (beforeunload).
 */
export function useLeaveGuard(active: boolean) {
  const router = useRouter();
  const [pending, setPending] = useState<PendingLeave | null>(null);
  const leaving = useRef(false);

  useEffect(() => {
    if (!active) return;
    leaving.current = false;
    const homeIndex = currentIndex();
    const historyGuard: HistoryGuard | null =
      homeIndex === undefined
        ? null
        : { homeIndex, leaving: false, hold: (delta) => setPending({ proceed: () => window.history.go(delta) }) };
    activeHistoryGuard = historyGuard;

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

    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (leaving.current) return;
      event.preventDefault();
      event.returnValue = ''; // older browsers show the prompt only when returnValue is set
    };

    document.addEventListener('click', onClick, true);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      if (activeHistoryGuard === historyGuard) activeHistoryGuard = null;
      document.removeEventListener('click', onClick, true);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [active, router]);

  const allowLeaving = () => {
    leaving.current = true;
    if (activeHistoryGuard) activeHistoryGuard.leaving = true;
  };

  return {
    pending,
    stay: () => setPending(null),
    /** Lets the held navigation go; the caller has saved or discarded first. */
    leave: () => {
      allowLeaving();
      pending?.proceed();
      setPending(null);
    },
    /** For actions that leave on purpose (e.g. reload after a conflict). */
    allowLeaving,
  };
}
