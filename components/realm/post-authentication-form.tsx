'use client';

import { type ReactNode, useState } from 'react';

import { zodResolver } from '@hookform/resolvers/zod';
import { useFieldArray, useForm, useFormContext, useFormState, useWatch } from 'react-hook-form';

import {
  ATTRIBUTE_FORMAT_OPTIONS,
  ATTRIBUTE_VALUE_OPTIONS,
  MAX_SAML_ATTRIBUTES,
  NAME_ID_FORMAT_OPTIONS,
  REDIRECT_OPTIONS,
  SIGNING_ALGORITHM_OPTIONS,
  UNAVAILABLE_HINT,
  USER_ID_MAPPING_OPTIONS,
  isSamlRedirect,
  redirectPath,
} from '@/lib/realm/options';
import type { TabSaveAction } from '@/lib/form-result';
import { SAML_ATTRIBUTE_LABELS, TAB_FIELD_LABELS, samlAttributeName } from '@/lib/realm/field-labels';
import { parseDomain } from '@/lib/realm/schemas/fields';
import { type PostAuthenticationValues, defaultSamlAttribute, postAuthenticationSchema } from '@/lib/realm/schemas/post-authentication';
import type { ImportSpMetadataAction } from '@/lib/realm/sp-metadata-import';
import { Button, buttonClass } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/field';
import { Section } from '@/components/ui/section';

import { type CertificateChoice, CertificatePicker } from './certificate-picker';
import { CertificateRollover, type SwitchNowAction } from './certificate-rollover';
import { BooleanSelect, CheckboxInput, NumberInput, SelectInput, TextArea, TextInput } from './form-fields';
import { SpMetadataImportOnDemand } from './sp-metadata-import-on-demand';
import { TabForm } from './tab-form';

const LABELS = TAB_FIELD_LABELS['post-authentication'];

export function PostAuthenticationForm({
  realm,
  values,
  version,
  save,
  certificates,
  importSpMetadata,
  switchNow,
}: {
  realm: { id: string; slug: string };
  values: PostAuthenticationValues;
  version: number;
  save: TabSaveAction<PostAuthenticationValues>;
  certificates: CertificateChoice[];
  importSpMetadata: ImportSpMetadataAction;
  switchNow: SwitchNowAction;
}) {
  const form = useForm<PostAuthenticationValues>({ resolver: zodResolver(postAuthenticationSchema), defaultValues: values });
  const redirect = useWatch({ control: form.control, name: 'redirect' });
  const saml = isSamlRedirect(redirect);
  return (
    <TabForm
      form={form}
      tab="post-authentication"
      tabLabel="Post Authentication"
      version={version}
      save={(next, loadedVersion) => save(realm.id, loadedVersion, next)}
    >
      <Section title="Post Authentication">
        <SelectInput name="redirect" label={LABELS.redirect} options={REDIRECT_OPTIONS} />
        <Field id="field-redirect-to" label="Redirect To" hint="The page of this realm that performs the redirect">
          {(a11y) => <input {...a11y} readOnly value={redirectPath(redirect, realm.slug) ?? '—'} className={inputClass} />}
        </Field>
      </Section>
      <Section title="User ID Mapping">
        <SelectInput
          name="userIdMapping"
          label={LABELS.userIdMapping}
          options={USER_ID_MAPPING_OPTIONS}
          hint="The profile property sent as the NameID"
        />
        <SelectInput name="nameIdFormat" label={LABELS.nameIdFormat} options={NAME_ID_FORMAT_OPTIONS} />
        <BooleanSelect name="encodeBase64" label={LABELS.encodeBase64} hint="Send the NameID value base64-encoded" />
      </Section>
      {saml && (
        <SamlAssertionSection realm={realm} certificates={certificates}>
          <CertificateRollover realmId={realm.id} saved={values} certificates={certificates} switchNow={switchNow} />
        </SamlAssertionSection>
      )}
      {saml && <ServiceProviderRequestsSection importSpMetadata={importSpMetadata} />}
      {saml && <SamlAttributesSection />}
      <FormsAuthSection />
    </TabForm>
  );
}

function SamlAssertionSection({
  realm,
  certificates,
  children,
}: {
  realm: { id: string; slug: string };
  certificates: CertificateChoice[];
  /** The certificate rollover, after the signing certificate. */
  children: ReactNode;
}) {
  return (
    <Section
      title="SAML Assertion / WS Federation"
      description="Required while a SAML redirect is selected: SAML Consumer URL, Issuer and a signing certificate."
    >
      <TextInput name="targetUrl" type="url" label={LABELS.targetUrl} hint="Optional; sent as RelayState, at most 80 bytes" />
      <TextInput name="consumerUrl" type="url" label={LABELS.consumerUrl} hint="The service provider's ACS URL (https)" />
      <TextInput name="issuer" label={LABELS.issuer} hint="A unique name; must match the service provider's configuration exactly" />
      <TextInput name="recipient" type="url" label={LABELS.recipient} hint="Empty: the SAML Consumer URL" />
      <TextInput name="audience" label={LABELS.audience} hint="A URI, or Mimecast's host.ACCOUNTCODE form" />
      <TextInput
        name="spStartUrl"
        type="url"
        label={LABELS.spStartUrl}
        hint="SP Initiated: where users who open this realm's URL go once signed in, to start the service provider's own sign-in"
      />
      <NumberInput
        name="offsetMinutes"
        label={LABELS.offsetMinutes}
        min={0}
        max={60}
        hint="0–60: Conditions NotBefore = now − offset, and the bearer SubjectConfirmationData NotOnOrAfter = now + 5 minutes + offset, so SP clocks that are behind or ahead by up to the offset accept the assertion"
      />
      <NumberInput
        name="validHours"
        label={LABELS.validHours}
        min={1}
        max={24}
        hint="1–24: Conditions NotOnOrAfter = now + hours, how long the assertion itself is valid (the SP must still receive it within the bearer window above)"
      />
      <BooleanSelect name="signAssertion" label={LABELS.signAssertion} />
      <BooleanSelect name="signMessage" label={LABELS.signMessage} />
      <SelectInput
        name="signingAlgorithm"
        label={LABELS.signingAlgorithm}
        options={SIGNING_ALGORITHM_OPTIONS}
        hint="SHA1 signatures can be forged; Realmgate signs with SHA2 only"
      />
      <CertificatePicker name="signingCertificateId" label={LABELS.signingCertificateId} certificates={certificates} />
      {children}
      <BooleanSelect name="encryptAssertion" label={LABELS.encryptAssertion} disabled trueLabel={`True (${UNAVAILABLE_HINT})`} />
      <MetadataDownload realm={realm} />
    </Section>
  );
}

/** What the realm's SP may ask in an AuthnRequest (SP-initiated SSO): who it is, where answers may go, its signature. */
function ServiceProviderRequestsSection({ importSpMetadata }: { importSpMetadata: ImportSpMetadataAction }) {
  return (
    <Section
      title="Service Provider Requests"
      description="AuthnRequests the service provider sends to this realm's URL (SP-initiated sign-in, either binding)."
    >
      <TextInput name="spEntityId" label={LABELS.spEntityId} hint="The Issuer of the SP's AuthnRequests; empty: the SAML Audience" />
      <TextArea
        name="allowedAcsUrls"
        label={LABELS.allowedAcsUrls}
        rows={3}
        hint="ACS URLs a request may name besides the SAML Consumer URL: one https URL a line, at most 10"
      />
      <CheckboxInput
        name="requireSignedAuthn"
        label={LABELS.requireSignedAuthn}
        hint="Refuse unsigned requests; the metadata then says WantAuthnRequestsSigned. RSA-SHA256 or RSA-SHA512 (SHA-1 is refused)"
      />
      <TextArea
        name="spCertificate"
        label={LABELS.spCertificate}
        rows={4}
        hint="The SP's signing certificate in PEM: signed requests are checked with it"
        placeholder="-----BEGIN CERTIFICATE-----"
      />
      <SpMetadataImportOnDemand importSpMetadata={importSpMetadata} />
    </Section>
  );
}

/** Domain and Download Metadata File (Mimecast guide step 12): the metadata of the saved settings. */
function MetadataDownload({ realm }: { realm: { id: string; slug: string } }) {
  const domain = useWatch<PostAuthenticationValues, 'metadataDomain'>({ name: 'metadataDomain' });
  const { isDirty } = useFormState<PostAuthenticationValues>();
  // parseDomain, not the raw text: it never throws, and encodeURIComponent would on a lone surrogate.
  const valid = parseDomain(domain);
  const query = valid ? `?domain=${encodeURIComponent(valid)}` : '';
  return (
    <div className="grid content-start gap-1">
      <TextInput
        name="metadataDomain"
        label={LABELS.metadataDomain}
        hint="The host name users reach this IdP at; empty: this server's address"
        placeholder="idp.example.com"
      />
      <a
        href={`/realms/${realm.id}/metadata${query}`}
        download={`${realm.slug}-idp-metadata.xml`}
        className={`${buttonClass('secondary')} justify-self-start`}
      >
        Download Metadata File
      </a>
      {isDirty && <p className="text-xs text-amber-700">The file describes the saved settings: save first to include your changes.</p>}
    </div>
  );
}

/** "Attribute 2 Name": within its fieldset, each field names its attribute. */
const attributeLabel = (index: number, key: keyof typeof SAML_ATTRIBUTE_LABELS) =>
  `${samlAttributeName(index)} ${SAML_ATTRIBUTE_LABELS[key]}`;

function SamlAttributesSection() {
  const { control } = useFormContext<PostAuthenticationValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'samlAttributes' });
  const formats = useWatch({ control, name: 'samlAttributes' });
  return (
    <Section title="SAML Attributes / WS Federation" description={`Up to ${MAX_SAML_ATTRIBUTES} attributes sent in the assertion.`}>
      {fields.map((field, index) => (
        <fieldset key={field.id} className="grid gap-3 rounded-md p-3 ring-1 ring-slate-200 sm:col-span-2 sm:grid-cols-3">
          <legend className="px-1 text-sm font-medium">{samlAttributeName(index)}</legend>
          <TextInput name={`samlAttributes.${index}.name`} label={attributeLabel(index, 'name')} />
          <TextInput
            name={`samlAttributes.${index}.namespace`}
            label={attributeLabel(index, 'namespace')}
            hint="The attribute Name sent; empty: the Name"
          />
          <SelectInput name={`samlAttributes.${index}.format`} label={attributeLabel(index, 'format')} options={ATTRIBUTE_FORMAT_OPTIONS} />
          <SelectInput name={`samlAttributes.${index}.value`} label={attributeLabel(index, 'value')} options={ATTRIBUTE_VALUE_OPTIONS} />
          {formats?.[index]?.format === 'group-list' && (
            <TextInput
              name={`samlAttributes.${index}.groupFilter`}
              label={attributeLabel(index, 'groupFilter')}
              hint="Wildcard filter on group names; * sends every group"
            />
          )}
          <Button variant="ghost" className="self-end justify-self-start" onClick={() => remove(index)}>
            Remove attribute {index + 1}
          </Button>
        </fieldset>
      ))}
      <Button className="justify-self-start" disabled={fields.length >= MAX_SAML_ATTRIBUTES} onClick={() => append(defaultSamlAttribute())}>
        Add attribute
      </Button>
    </Section>
  );
}

const FORMS_AUTH_FIELDS = ['cookieName', 'cookieRequireSsl', 'slidingExpiration', 'timeoutMinutes', 'persistentCookie'] as const;

function FormsAuthSection() {
  const [expanded, setExpanded] = useState(false);
  const { errors } = useFormState<PostAuthenticationValues>();
  // A field with an error is never hidden: the admin must see what blocks the save.
  const open = expanded || FORMS_AUTH_FIELDS.some((name) => errors[name]);
  return (
    <Section title="Forms Auth / SSO Token" description="The cookie that keeps a user signed in to this realm.">
      <Button
        className="justify-self-start sm:col-span-2"
        aria-expanded={open}
        aria-controls="forms-auth-settings"
        onClick={() => setExpanded(!open)}
      >
        {open ? 'Hide' : 'View and Configure'} FormsAuth keys/SSO token
      </Button>
      <div id="forms-auth-settings" hidden={!open} className="grid gap-4 sm:col-span-2 sm:grid-cols-2">
        <TextInput name="cookieName" label={LABELS.cookieName} hint="The SSO cookie's name" />
        <BooleanSelect name="cookieRequireSsl" label={LABELS.cookieRequireSsl} />
        <BooleanSelect name="slidingExpiration" label={LABELS.slidingExpiration} />
        <NumberInput name="timeoutMinutes" label={LABELS.timeoutMinutes} min={5} max={1440} />
        <BooleanSelect
          name="persistentCookie"
          label={LABELS.persistentCookie}
          trueLabel="True - Expires after Timeout"
          falseLabel="False - Session Cookie"
        />
      </div>
    </Section>
  );
}
