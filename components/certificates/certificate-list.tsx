'use client';

import { useState } from 'react';

import { useFormContext } from 'react-hook-form';

import { formatDay } from '@/lib/format';
import { KEY_SIZES } from '@/lib/certificates/key-sizes';
import { certificateIdSchema, generateCertificateSchema, importPemSchema, importPfxSchema } from '@/lib/certificates/schemas';
import type { CertificateActions } from '@/lib/certificates/actions';
import type { StoredCertificate } from '@/lib/certificates/store';
import { ListTable } from '@/components/ui/list-table';
import { Button, buttonClass } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { FormDialog } from '@/components/ui/form-dialog';
import { NumberInput, SelectInput, TextArea, TextInput } from '@/components/realm/form-fields';
import { EditorOnly } from '@/components/console/role';

type OpenDialog = 'generate' | 'import-pem' | 'import-pfx' | { delete: StoredCertificate } | { makeDefault: StoredCertificate } | null;

/** How many realm names the Make default dialog lists before "and N more". */
const LISTED_FOLLOWERS = 20;

const KEY_SIZE_OPTIONS = KEY_SIZES.map((bits) => ({ value: String(bits), label: `${bits} bits`, available: true }));

/** The certificates page: generate, import (PEM or PFX), download, make default, delete. */
export function CertificateList({
  certificates,
  now,
  actions,
  followers,
  expiring,
}: {
  certificates: StoredCertificate[];
  now: Date;
  actions: CertificateActions;
  /** The realms that follow the default certificate: Make default re-keys them. */
  followers: { id: string; name: string }[];
  /** Certificate id → "expires on … (in N days)", for those in use that expire within 30 days. */
  expiring: Record<string, string>;
}) {
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [status, setStatus] = useState('');
  const done = (message: string) => () => {
    setDialog(null);
    setStatus(message);
  };

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end gap-2">
        <h1 className="mr-auto text-2xl font-semibold tracking-tight">Signing certificates</h1>
        <EditorOnly>
          <Button variant="primary" onClick={() => setDialog('generate')}>
            Generate certificate
          </Button>
          <Button onClick={() => setDialog('import-pem')}>Import PEM</Button>
          <Button onClick={() => setDialog('import-pfx')}>Import PFX</Button>
        </EditorOnly>
      </div>
      <p className="text-sm text-slate-600">
        Realms sign their SAML assertions with the certificate chosen on Post Authentication, or with the default. Private keys are stored
        encrypted and never leave the server.
      </p>
      <p role="status" aria-label="Certificate status" className="text-sm text-emerald-700">
        {status}
      </p>
      <ListTable columns={['Subject', 'Serial number', 'SHA-256 fingerprint', 'Expires', 'Used by']}>
        {certificates.map((certificate) => {
          const expired = certificate.notAfter.getTime() <= now.getTime();
          return (
            <tr key={certificate.id} className="border-t border-slate-100 align-top">
              <th scope="row" className="px-4 py-2 text-left font-medium">
                {certificate.subject}
                {certificate.isDefault && <span className="ml-2 rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-700">Default</span>}
                {expiring[certificate.id] && (
                  <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-800" title={expiring[certificate.id]}>
                    {expired ? 'Expired, in use' : 'Expires soon'}
                  </span>
                )}
                <div className="text-xs font-normal text-slate-500">
                  Issued by {certificate.issuer}, RSA {certificate.keyBits}
                </div>
              </th>
              <td className="px-4 py-2">
                <code className="text-xs break-all">{certificate.serialHex}</code>
              </td>
              <td className="px-4 py-2">
                <code className="text-xs break-all">{certificate.fingerprintSha256}</code>
              </td>
              <td className={`px-4 py-2 ${expired ? 'font-medium text-red-700' : ''}`}>
                {formatDay(certificate.notAfter)}
                {expired && ' (expired)'}
              </td>
              <td className="px-4 py-2">
                {[...certificate.realms.map((realm) => realm.name), ...certificate.nextFor.map((realm) => `${realm.name} (next)`)].join(
                  ', ',
                ) || '—'}
              </td>
              <td className="px-4 py-2">
                <div className="flex flex-col items-end gap-1">
                  <a
                    href={`/certificates/${certificate.id}/download`}
                    download
                    className={buttonClass('ghost')}
                    aria-label={`Download certificate ${certificate.serialHex}`}
                  >
                    Download
                  </a>
                  <EditorOnly>
                    {!certificate.isDefault && (
                      <Button
                        variant="ghost"
                        aria-label={`Make ${certificate.serialHex} the default`}
                        onClick={() => setDialog({ makeDefault: certificate })}
                      >
                        Make default
                      </Button>
                    )}
                    <Button
                      variant="ghost"
                      aria-label={`Delete certificate ${certificate.serialHex}`}
                      onClick={() => setDialog({ delete: certificate })}
                    >
                      Delete
                    </Button>
                  </EditorOnly>
                </div>
              </td>
            </tr>
          );
        })}
      </ListTable>
      {dialog === 'generate' && (
        <FormDialog
          title="Generate certificate"
          description="A self-signed RSA certificate for signing SAML assertions (SHA-256, random 128-bit serial number)."
          schema={generateCertificateSchema}
          defaultValues={{ commonName: 'Realmgate Signing', bits: 2048, years: 5 }}
          submitLabel="Generate"
          run={actions.generate}
          onDone={done('Certificate generated.')}
          onClose={() => setDialog(null)}
        >
          <TextInput name="commonName" label="Common Name (CN)" />
          <SelectInput name="bits" label="Key size" options={KEY_SIZE_OPTIONS} numeric />
          <NumberInput name="years" label="Validity (years)" min={1} max={10} />
        </FormDialog>
      )}
      {dialog === 'import-pem' && (
        <FormDialog
          title="Import PEM"
          description="A certificate and its unencrypted RSA private key, in PEM."
          schema={importPemSchema}
          defaultValues={{ certificate: '', privateKey: '' }}
          submitLabel="Import"
          run={actions.importPem}
          onDone={done('Certificate imported.')}
          onClose={() => setDialog(null)}
        >
          <TextArea name="certificate" label="Certificate (PEM)" rows={6} placeholder="-----BEGIN CERTIFICATE-----" />
          <TextArea name="privateKey" label="Private key (PEM)" rows={6} placeholder="-----BEGIN PRIVATE KEY-----" />
        </FormDialog>
      )}
      {dialog === 'import-pfx' && (
        <FormDialog
          title="Import PFX"
          description="A PKCS#12 file (.pfx or .p12) holding a certificate and its private key."
          schema={importPfxSchema}
          defaultValues={{ pfx: '', password: '' }}
          submitLabel="Import"
          run={actions.importPfx}
          onDone={done('Certificate imported.')}
          onClose={() => setDialog(null)}
        >
          <PfxFileInput />
          <PasswordInput name="password" label="PFX password" />
        </FormDialog>
      )}
      {dialog && typeof dialog === 'object' && 'makeDefault' in dialog && (
        <FormDialog
          title={`Make ${dialog.makeDefault.serialHex} the default`}
          description={`${dialog.makeDefault.subject}, expires ${formatDay(dialog.makeDefault.notAfter)}.`}
          schema={certificateIdSchema}
          defaultValues={{ id: dialog.makeDefault.id }}
          submitLabel="Make default"
          run={actions.makeDefault}
          onDone={done(`${dialog.makeDefault.commonName} (${dialog.makeDefault.serialHex}) is now the default certificate.`)}
          onClose={() => setDialog(null)}
        >
          <DefaultFollowers followers={followers} />
        </FormDialog>
      )}
      {dialog && typeof dialog === 'object' && 'delete' in dialog && (
        <FormDialog
          title={`Delete certificate ${dialog.delete.serialHex}`}
          description={`${dialog.delete.subject}, expires ${formatDay(dialog.delete.notAfter)}. Realms must not use it.`}
          schema={certificateIdSchema}
          defaultValues={{ id: dialog.delete.id }}
          submitLabel="Delete certificate"
          danger
          run={actions.delete}
          onDone={done('Certificate deleted.')}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}

/** Make default re-keys every realm that follows the default: the dialog names them before the admin confirms. */
function DefaultFollowers({ followers }: { followers: { id: string; name: string }[] }) {
  if (followers.length === 0) return <p className="text-sm text-slate-700">No realm follows the default certificate: none is re-keyed.</p>;
  const more = followers.length - LISTED_FOLLOWERS;
  return (
    <div className="grid gap-2 text-sm text-slate-700">
      <p>
        These realms follow the default and sign with this certificate at once. Their service providers must trust it first (new metadata),
        or their sign-ins fail:
      </p>
      <ul aria-label="Realms that follow the default" className="list-disc pl-5">
        {followers.slice(0, LISTED_FOLLOWERS).map((realm) => (
          <li key={realm.id}>{realm.name}</li>
        ))}
      </ul>
      {more > 0 && <p>and {more} more.</p>}
    </div>
  );
}

/** Reads the chosen PFX file into the form as base64 (the action decodes it). */
function PfxFileInput() {
  const { setValue, formState } = useFormContext<{ pfx: string }>();
  const error = formState.errors.pfx?.message;
  return (
    <Field id="field-pfx" label="PFX file" error={error}>
      {(a11y) => (
        <input
          {...a11y}
          type="file"
          accept=".pfx,.p12,application/x-pkcs12"
          className={inputClass}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (!file) return;
            const reader = new FileReader();
            reader.onload = () => setValue('pfx', String(reader.result).split(',')[1] ?? '', { shouldValidate: true });
            reader.readAsDataURL(file);
          }}
        />
      )}
    </Field>
  );
}

function PasswordInput({ name, label }: { name: string; label: string }) {
  const { register, formState } = useFormContext();
  const error = (formState.errors[name]?.message as string | undefined) ?? undefined;
  return (
    <Field id={`field-${name}`} label={label} error={error}>
      {(a11y) => <input {...a11y} {...register(name)} type="password" autoComplete="off" className={inputClass} />}
    </Field>
  );
}
