'use client';

import { useState } from 'react';

import { useFormState } from 'react-hook-form';

import type { FormResult } from '@/lib/form-result';
import { TAB_FIELD_LABELS } from '@/lib/realm/field-labels';
import type { PostAuthenticationValues } from '@/lib/realm/schemas/post-authentication';
import { Button } from '@/components/ui/button';
import { EditorOnly } from '@/components/console/role';

import { type CertificateChoice, CertificatePicker } from './certificate-picker';
import { TextInput } from './form-fields';

const LABELS = TAB_FIELD_LABELS['post-authentication'];

export type SwitchNowAction = (input: { realmId: string }) => Promise<FormResult<null>>;

/**
 * Certificate rollover: the next certificate and when it takes over. Until then the metadata lists both, so the
 * service provider trusts the next one before it signs anything; "Switch now" does not wait for the time.
 */
export function CertificateRollover({
  realmId,
  saved,
  certificates,
  switchNow,
}: {
  realmId: string;
  /** The saved plan (the form's may be edited and unsaved). */
  saved: Pick<PostAuthenticationValues, 'nextCertificateId' | 'switchAt'>;
  certificates: CertificateChoice[];
  switchNow: SwitchNowAction;
}) {
  const { isDirty } = useFormState<PostAuthenticationValues>();
  const [message, setMessage] = useState('');
  const next = certificates.find((certificate) => certificate.id === saved.nextCertificateId);
  async function switchAtOnce() {
    const result = await switchNow({ realmId });
    // The switch moved the tab's version on: the form starts again from the saved values (it had no unsaved edits).
    if (result.ok) window.location.reload();
    else setMessage(result.formError ?? 'Not switched.');
  }
  return (
    <div className="grid content-start gap-3 sm:col-span-2 sm:grid-cols-2">
      <CertificatePicker name="nextCertificateId" label={LABELS.nextCertificateId} certificates={certificates} optional />
      <TextInput
        name="switchAt"
        type="datetime-local"
        label={LABELS.switchAt}
        hint="When the next certificate starts signing (UTC). Until then the metadata lists both: give it to the service provider first."
      />
      {next && saved.switchAt && (
        <div className="grid content-start gap-1 sm:col-span-2">
          <p role="status" aria-label="Planned certificate switch" className="text-sm text-slate-700">
            Switches to {next.commonName} ({next.serialHex}) at {saved.switchAt.replace('T', ' ')} UTC.
          </p>
          <EditorOnly>
            <Button className="justify-self-start" disabled={isDirty} onClick={() => void switchAtOnce()}>
              Switch now
            </Button>
            {isDirty && <p className="text-xs text-slate-600">Save or discard your changes first.</p>}
          </EditorOnly>
          {message && (
            <p role="alert" className="text-sm text-red-700">
              {message}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
