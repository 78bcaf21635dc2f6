'use client';

import { useState } from 'react';

import Link from 'next/link';

import type { RestoreAction, RestoreResult } from '@/lib/history/restore';
import { Button } from '@/components/ui/button';

/** One-click restore of a record: the outcome, what did not come back (secrets), or why it was refused. */
export function RestoreButton({
  recordId,
  version,
  label,
  restore,
}: {
  recordId: number;
  /** The tab's version as the page loaded it: a tab saved since makes the restore a conflict. */
  version: number | null;
  label: string;
  restore: RestoreAction;
}) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RestoreResult | null>(null);

  async function run() {
    setBusy(true);
    setResult(null);
    try {
      setResult(await restore(recordId, version));
    } catch {
      setResult({ ok: false, message: 'Not restored: the server could not be reached. Try again.', problems: [] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="grid gap-2">
      <Button variant="primary" className="justify-self-start" disabled={busy || result?.ok === true} onClick={() => void run()}>
        {busy ? 'Restoring…' : label}
      </Button>
      <div role="status" aria-label="Restore status" className="text-sm">
        {result?.ok && (
          <div className="grid gap-1 text-emerald-800">
            <p>{result.message}</p>
            {result.notes.map((note) => (
              <p key={note}>{note}</p>
            ))}
            <Link href={result.href} className="text-brand-700 underline">
              {result.linkText}
            </Link>
          </div>
        )}
      </div>
      {result && !result.ok && (
        <div role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200">
          <p>{result.message}</p>
          {result.problems.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {result.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
          {result.conflict && <p className="mt-1">Reload this page to restore against the tab as it is now.</p>}
        </div>
      )}
    </div>
  );
}
