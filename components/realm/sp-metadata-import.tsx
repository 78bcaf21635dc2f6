'use client';

import { useState } from 'react';

import { useFormContext } from 'react-hook-form';

import type { PostAuthenticationValues } from '@/lib/realm/schemas/post-authentication';
import type { ImportSpMetadataAction } from '@/lib/realm/sp-metadata-import';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';

/**
 * "SP metadata": paste or upload an SP's metadata file, or give its URL; the SAML Consumer URL, Allowed ACS URLs, SP
 * Entity ID and SP signing certificate fields are filled from it. Nothing is saved until the admin saves the tab.
 */
export function SpMetadataImport({ importSpMetadata }: { importSpMetadata: ImportSpMetadataAction }) {
  const { getValues, setValue } = useFormContext<PostAuthenticationValues>();
  const [xml, setXml] = useState('');
  const [url, setUrl] = useState('');
  const [allowPrivate, setAllowPrivate] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function run() {
    setBusy(true);
    setMessage(null);
    try {
      const result = await importSpMetadata({ xml, url, allowPrivate });
      if (!result.ok) {
        setMessage({
          ok: false,
          text: Object.values(result.fieldErrors ?? {})[0] ?? result.formError ?? 'The metadata could not be read.',
        });
        return;
      }
      // A Recipient that followed the Consumer URL keeps following it (a template's, say).
      if (getValues('recipient') === getValues('consumerUrl')) {
        setValue('recipient', result.values.consumerUrl, { shouldDirty: true, shouldValidate: true });
      }
      for (const [name, value] of Object.entries(result.values) as [keyof typeof result.values, string][]) {
        setValue(name, value, { shouldDirty: true, shouldValidate: true });
      }
      setMessage({ ok: true, text: `Filled from the metadata of ${result.values.spEntityId}: review the fields, then save.` });
    } catch {
      setMessage({ ok: false, text: 'The server could not be reached. Try again.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="grid content-start gap-2 sm:col-span-2">
      <label htmlFor="sp-metadata-xml" className="text-sm font-medium text-slate-700">
        SP metadata
      </label>
      <textarea id="sp-metadata-xml" rows={3} value={xml} onChange={(event) => setXml(event.target.value)} className={inputClass} />
      <label htmlFor="sp-metadata-file" className="text-sm font-medium text-slate-700">
        Upload SP metadata file
      </label>
      <input
        id="sp-metadata-file"
        type="file"
        accept=".xml,application/xml,application/samlmetadata+xml,text/xml"
        onChange={(event) => void event.target.files?.[0]?.text().then(setXml)}
      />
      <label htmlFor="sp-metadata-url" className="text-sm font-medium text-slate-700">
        SP metadata URL
      </label>
      <input
        id="sp-metadata-url"
        type="url"
        value={url}
        placeholder="https://sp.example.com/metadata"
        onChange={(event) => setUrl(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.preventDefault(); // Enter imports nothing and saves nothing
        }}
        className={inputClass}
      />
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={allowPrivate} onChange={(event) => setAllowPrivate(event.target.checked)} />
        Allow private address
      </label>
      <Button className="justify-self-start" onClick={() => void run()} disabled={busy}>
        {busy ? 'Importing…' : 'Import SP metadata'}
      </Button>
      <p role="status" aria-label="SP metadata result" className={`text-sm ${message?.ok ? 'text-emerald-700' : 'text-red-700'}`}>
        {message?.text}
      </p>
      <p className="text-xs text-slate-500">The URL is fetched by this server: https only, at most 256 KB, within 5 seconds.</p>
    </div>
  );
}
