import 'server-only';

/** administrator: does everything; auditor: sees every page and the history, changes nothing. */
export type AdminRole = 'administrator' | 'auditor';

export type Admin = { id: string; username: string; role: AdminRole };

/**
 * The one place every console page, server action and route handler asks for an admin session; pass
 * 'administrator' for anything that changes state.
 * Admin sign-in is not built yet (issue 7 replaces this body with the session check and a redirect to /login).
 */
export async function requireAdmin(_role?: 'administrator'): Promise<Admin> {
  return { id: 'bootstrap-admin', username: 'admin', role: 'administrator' };
}
