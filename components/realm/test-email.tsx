'use client';

import { useState } from 'react';

import type { SendTestEmailAction, TestEmailResult } from '@/lib/realm/test-email';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';

/** "Send test email": uses the saved SMTP settings, so it waits while the form has unsaved changes. */
export function TestEmail({ realmId, unsaved, sendTestEmail }: { realmId: string; unsaved: boolean; sendTestEmail: SendTestEmailAction }) {
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TestEmailResult | null>(null);

  async function send() {
    setBusy(true);
    setResult(null);
    try {
      setResult(await sendTestEmail(realmId, { to }));
    } catch {
      setResult({ ok: false, message: 'The server could not be reached. Try again.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="grid content-start gap-1 sm:col-span-2">
      <label htmlFor="test-email-to" className="text-sm font-medium text-slate-700">
        Send test email to
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id="test-email-to"
          type="email"
          value={to}
          onChange={(event) => setTo(event.target.value)}
          // Enter here sends the test email instead of saving the whole tab.
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            if (!unsaved && !busy) void send();
          }}
          aria-describedby="test-email-hint test-email-result"
          className={`${inputClass} max-w-72`}
        />
        <Button onClick={() => void send()} disabled={busy || unsaved}>
          {busy ? 'Sending…' : 'Send test email'}
        </Button>
      </div>
      <p id="test-email-hint" className="text-xs text-slate-500">
        {unsaved ? 'Save your changes first: the test uses the saved settings.' : 'Uses the saved settings above.'}
      </p>
      <p
        id="test-email-result"
        role="status"
        aria-label="Test email result"
        className={`text-sm ${result?.ok ? 'text-emerald-700' : 'text-red-700'}`}
      >
        {result?.message}
      </p>
    </div>
  );
}
