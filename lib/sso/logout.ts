import 'server-only';

import { deleteTransaction } from '@/lib/workflow/transactions';

import { readSignInForm } from './endpoint';
import { type SsoReply, type SsoRequest, htmlResponse, newNonce, readCookie } from './http';
import { clearedSessionCookie, csrfFor, look, readTransactionCookie, transactionCookie, withErrorPage } from './responses';
import { type SsoRealm } from './realm';
import { endSession, loadSession } from './session';
import { renderLogoutPage } from './step-pages';

/**
 * /sso/<realm>/logout. GET asks (a link alone must not sign anyone out: another site could embed it); the POST,
 * with the sign-in forms' CSRF token, deletes the session's row, so the cookie stops working on every instance
 * even where a copy of it survives, and clears the cookies.
 */

function logoutPage(
  request: SsoRequest,
  realm: SsoRealm,
  page: { signedIn: boolean; status?: number; error?: string; notice?: string },
  cookies: string[] = [],
) {
  const nonce = newNonce();
  const csrf = csrfFor(request, realm);
  const html = renderLogoutPage({ ...look(realm), nonce, csrfToken: csrf.token, ...page });
  return htmlResponse(html, { nonce, status: page.status ?? 200, cookies: [csrf.cookie, ...cookies] });
}

export function handleLogoutGet(request: SsoRequest, slug: string, now = Date.now()): Promise<SsoReply> {
  return withErrorPage(slug, async (realm) => {
    const session = await loadSession(readCookie(request, realm.postAuthentication.cookieName), realm.id, now);
    return logoutPage(request, realm, session ? { signedIn: true } : { signedIn: false, notice: 'You are not signed in.' });
  });
}

export function handleLogoutPost(request: Request, slug: string): Promise<SsoReply> {
  return withErrorPage(slug, async (realm) => {
    if (!(await readSignInForm(request, realm))) {
      return logoutPage(request, realm, { signedIn: true, status: 400, error: 'This page expired. Please try again.' });
    }
    await endSession(readCookie(request, realm.postAuthentication.cookieName), realm.id);
    await deleteTransaction(readTransactionCookie(request));
    return logoutPage(request, realm, { signedIn: false, notice: 'You are signed out.' }, [
      clearedSessionCookie(realm),
      transactionCookie(request, realm, null),
    ]);
  });
}
