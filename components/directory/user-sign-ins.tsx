'use client';

import { useState } from 'react';

import { useRouter } from 'next/navigation';

import { formatInstant } from '@/lib/format';
import type { UserSignInActions } from '@/lib/sso/user-sign-in-actions';
import type { UserSignIns } from '@/lib/sso/user-sign-ins';
import { ListTable } from '@/components/ui/list-table';
import { Button } from '@/components/ui/button';
import { EditorOnly } from '@/components/console/role';

type Status = { kind: 'ok' | 'error'; message: string } | null;

/** A directory user's live SSO sessions (administrators can end them) and authenticators (they can reset them). */
export function UserSignInsPanel({ userId, signIns, actions }: { userId: string; signIns: UserSignIns; actions: UserSignInActions }) {
  const router = useRouter();
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function run(key: string, work: () => ReturnType<UserSignInActions['endSession']>, done: string) {
    setBusy(key);
    const result = await work();
    setBusy(null);
    setStatus(result.ok ? { kind: 'ok', message: done } : { kind: 'error', message: result.formError ?? 'Not changed.' });
    router.refresh();
  }

  return (
    <section aria-labelledby="sign-ins-heading" className="mt-8 grid gap-4">
      <h2 id="sign-ins-heading" className="text-lg font-semibold">
        Sign-ins
      </h2>
      <p role="status" aria-label="Sign-in status" className={`text-sm ${status?.kind === 'error' ? 'text-red-700' : 'text-emerald-700'}`}>
        {status?.message}
      </p>
      <h3 className="font-medium">SSO sessions</h3>
      <ListTable columns={['Realm', 'Started', 'Last used', 'Ends']}>
        {signIns.sessions.map((session) => (
          <tr key={session.id} className="border-t border-slate-100">
            <th scope="row" className="px-4 py-2 text-left font-medium">
              {session.realmName}
            </th>
            <td className="px-4 py-2">{formatInstant(session.startedAt)}</td>
            <td className="px-4 py-2">{formatInstant(session.lastSeenAt)}</td>
            <td className="px-4 py-2">{formatInstant(session.expiresAt)}</td>
            <td className="px-4 py-2 text-right">
              <EditorOnly>
                <Button
                  variant="ghost"
                  aria-label={`End session at ${session.realmName} started ${formatInstant(session.startedAt)}`}
                  disabled={busy === session.id}
                  onClick={() => void run(session.id, () => actions.endSession(userId, { sessionId: session.id }), 'Session ended.')}
                >
                  End session
                </Button>
              </EditorOnly>
            </td>
          </tr>
        ))}
        {signIns.sessions.length === 0 && (
          <tr>
            <td colSpan={5} className="px-4 py-4 text-center text-slate-500">
              No live SSO sessions.
            </td>
          </tr>
        )}
      </ListTable>
      <h3 className="font-medium">Authenticators (TOTP)</h3>
      <ListTable columns={['Realm', 'Set up']}>
        {signIns.authenticators.map((authenticator) => (
          <tr key={authenticator.realmId} className="border-t border-slate-100">
            <th scope="row" className="px-4 py-2 text-left font-medium">
              {authenticator.realmName}
            </th>
            <td className="px-4 py-2">{formatInstant(authenticator.enrolledAt)}</td>
            <td className="px-4 py-2 text-right">
              <EditorOnly>
                <Button
                  variant="ghost"
                  aria-label={`Reset authenticator at ${authenticator.realmName}`}
                  disabled={busy === authenticator.realmId}
                  onClick={() =>
                    void run(
                      authenticator.realmId,
                      () => actions.resetTotp(userId, { realmId: authenticator.realmId }),
                      `Authenticator at ${authenticator.realmName} reset: the user sets up a new one at their next sign-in.`,
                    )
                  }
                >
                  Reset
                </Button>
              </EditorOnly>
            </td>
          </tr>
        ))}
        {signIns.authenticators.length === 0 && (
          <tr>
            <td colSpan={3} className="px-4 py-4 text-center text-slate-500">
              No authenticator set up.
            </td>
          </tr>
        )}
      </ListTable>
    </section>
  );
}
