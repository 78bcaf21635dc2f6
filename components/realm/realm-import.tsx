'use client';

import { useState } from 'react';

import type { ImportRealmsAction, ImportResponse } from '@/lib/realm/import-action';
import { Button, buttonClass } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';

/** The realms list's Export all link and Import dialog (README "Realm export and import"). */
export function ExportAllLink() {
  return (
    <a href="/realms/export" download className={buttonClass('secondary')}>
      Export all
    </a>
  );
}

function summaryLines(result: Extract<ImportResponse, { ok: true }>): string[] {
  const { created, updated, unchanged, notes } = result.summary;
  return [
    ...(created.length ? [`Created: ${created.join(', ')}.`] : []),
    ...(updated.length ? [`Updated: ${updated.join(', ')}.`] : []),
    ...(unchanged.length ? [`Unchanged: ${unchanged.join(', ')}.`] : []),
    ...notes,
  ];
}

export function ImportRealmsButton({ action, onDone }: { action: ImportRealmsAction; onDone: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResponse | null>(null);

  const close = () => {
    setOpen(false);
    setFile(null);
    setResult(null);
  };

  async function submit() {
    if (!file) return;
    setBusy(true);
    try {
      const response = await action(await file.text());
      setResult(response);
      if (response.ok) onDone(summaryLines(response).join(' '));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>Import</Button>
      <Dialog
        open={open}
        onOpenChange={(next) => (next ? setOpen(true) : close())}
        title="Import realms"
        description="A file made by Export. Realms are matched by their address (slug): existing ones are updated, others created. Secrets are never in the file: a realm keeps its stored ones, a new realm has none."
      >
        <div className="grid gap-3">
          <label htmlFor="realm-import-file" className="text-sm font-medium text-slate-700">
            Export file
          </label>
          <input
            id="realm-import-file"
            type="file"
            accept="application/json,.json"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setResult(null);
            }}
          />
          <div role="status" className="text-sm">
            {result?.ok && (
              <ul className="grid gap-1 text-emerald-700">
                {summaryLines(result).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )}
          </div>
          {result && !result.ok && (
            <div role="alert" className="text-sm text-red-700">
              <p>{result.message}</p>
              <ul className="mt-1 grid max-h-48 list-disc gap-1 overflow-auto pl-5 font-mono text-xs">
                {result.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            </div>
          )}
          <div className="flex justify-end gap-2">
            <Button onClick={close}>{result?.ok ? 'Close' : 'Cancel'}</Button>
            {!result?.ok && (
              <Button variant="primary" disabled={!file || busy} onClick={() => void submit()}>
                {busy ? 'Importing…' : 'Import'}
              </Button>
            )}
          </div>
        </div>
      </Dialog>
    </>
  );
}
