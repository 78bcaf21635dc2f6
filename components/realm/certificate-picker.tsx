'use client';

import { useState } from 'react';

import { useController, useFormContext } from 'react-hook-form';

import { formatDay } from '@/lib/format';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field, inputClass } from '@/components/ui/field';

/** What Post Authentication shows of a stored certificate when choosing one. */
export type CertificateChoice = { id: string; serialHex: string; commonName: string; issuer: string; notAfter: Date; isDefault: boolean };

/**
 * Signing Cert Serial Number with Select Certificate (Mimecast guide step 11): the default certificate unless
 * the admin picks another. The form value is the certificate id; '' means "the default", or, for an `optional`
 * choice (the next certificate of a rollover), "none".
 */
export function CertificatePicker({
  name,
  label,
  certificates,
  optional = false,
}: {
  name: string;
  label: string;
  certificates: CertificateChoice[];
  optional?: boolean;
}) {
  const { control } = useFormContext();
  const { field, fieldState } = useController({ control, name });
  const [open, setOpen] = useState(false);
  const chosenId = field.value as string;
  const chosen = certificates.find((certificate) => (chosenId ? certificate.id === chosenId : !optional && certificate.isDefault));
  const none = optional ? 'None: no switch planned' : 'No certificate: generate or import one on the Certificates page';
  const hint = chosen ? `${chosen.commonName}, expires ${formatDay(chosen.notAfter)}${chosenId ? '' : ' (the default certificate)'}` : none;
  const choose = (id: string) => {
    field.onChange(id);
    setOpen(false);
  };

  return (
    <div className="grid content-start gap-1">
      <Field id={`field-${name}`} label={label} hint={hint} error={fieldState.error?.message}>
        {(a11y) => <input {...a11y} ref={field.ref} readOnly value={chosen?.serialHex ?? ''} className={inputClass} />}
      </Field>
      <Button className="justify-self-start" onClick={() => setOpen(true)}>
        {optional ? 'Select Next Certificate' : 'Select Certificate'}
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={optional ? 'Select the next certificate' : 'Select Certificate'}
        description={
          optional ? 'The certificate this realm signs with after the switch.' : 'The certificate this realm signs its assertions with.'
        }
      >
        <table className="w-full text-left text-sm">
          <thead className="text-slate-600">
            <tr>
              <th className="py-1 font-medium">Issued To</th>
              <th className="py-1 font-medium">Issued By</th>
              <th className="py-1 font-medium">Expires</th>
              <th className="py-1">
                <span className="sr-only">Choose</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {certificates.map((certificate) => (
              <tr key={certificate.id} className="border-t border-slate-100">
                <td className="py-1 pr-2">
                  {certificate.commonName}
                  {certificate.isDefault && ' (default)'}
                  <div className="font-mono text-xs break-all text-slate-500">{certificate.serialHex}</div>
                </td>
                <td className="py-1 pr-2">{certificate.issuer}</td>
                <td className="py-1 pr-2">{formatDay(certificate.notAfter)}</td>
                <td className="py-1">
                  <Button variant="ghost" aria-label={`Use certificate ${certificate.serialHex}`} onClick={() => choose(certificate.id)}>
                    Use
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="mt-4 flex justify-end gap-2">
          <Button onClick={() => choose('')}>{optional ? 'No next certificate' : 'Use the default certificate'}</Button>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
        </div>
      </Dialog>
    </div>
  );
}
