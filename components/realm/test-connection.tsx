'use client';

import { useState } from 'react';

import { useFormContext } from 'react-hook-form';

import type { DataValues } from '@/lib/realm/schemas/data';
import type { ConnectionReport, TestConnectionAction } from '@/lib/realm/test-connection';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';

/**
 * Test Connection: tries the settings in the form (saved or not) and reports the first step that fails,
 * or, with a test username, the profile the directory gives that user.
 */
export function TestConnection({ realmId, testConnection }: { realmId: string; testConnection: TestConnectionAction }) {
  const { getValues } = useFormContext<DataValues>();
  const [testUsername, setTestUsername] = useState('');
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ConnectionReport | null>(null);

  async function run() {
    setBusy(true);
    setReport(null);
    try {
      setReport(await testConnection(realmId, { values: getValues(), testUsername }));
    } catch {
      setReport({ ok: false, message: 'The server could not be reached. Try again.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="grid content-start gap-1 sm:col-span-2">
      <label htmlFor="test-connection-username" className="text-sm font-medium text-slate-700">
        Test username (optional)
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id="test-connection-username"
          value={testUsername}
          onChange={(event) => setTestUsername(event.target.value)}
          // Enter here runs the test instead of saving the whole tab.
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            if (!busy) void run();
          }}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="test-connection-hint"
          className={`${inputClass} max-w-72`}
        />
        <Button onClick={() => void run()} disabled={busy}>
          {busy ? 'Testing…' : 'Test Connection'}
        </Button>
      </div>
      <p id="test-connection-hint" className="text-xs text-slate-500">
        Tests the settings above as they are in the form, saved or not. With a username, shows the profile the directory returns.
      </p>
      <div role="status" aria-label="Test Connection result" className={`text-sm ${report?.ok ? 'text-emerald-700' : 'text-red-700'}`}>
        {report && <p>{report.message}</p>}
        {report?.user && (
          <div className="mt-2 text-slate-800">
            <p className="text-xs text-slate-500">{report.user.dn}</p>
            <dl aria-label="Mapped profile" className="mt-1 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5">
              {report.user.properties.map(({ label, value }) => (
                <div key={label} className="contents">
                  <dt className="font-medium">{label}</dt>
                  <dd>{value || '—'}</dd>
                </div>
              ))}
            </dl>
            <p className="mt-1">{report.user.access}</p>
          </div>
        )}
      </div>
    </div>
  );
}
