import { z } from 'zod';

import type { RealmOverview } from '@/lib/generated/prisma/client';
import { SMTP_SECURITY_OPTIONS } from '@/lib/realm/options';

import {
  type SecretValue,
  booleanSchema,
  hasSecret,
  integerSchema,
  lineSchema,
  optionSchema,
  optionalEmailSchema,
  optionalHostnameSchema,
  secretSchema,
  secretValue,
  textSchema,
} from './fields';
import { realmNameSchema } from './realm';

export const MAX_LOGO_BYTES = 256 * 1024;

const LOGO_TYPES = Object.freeze({
  'image/png': (bytes: string) => bytes.startsWith('\x89PNG\r\n\x1a\n'),
  'image/jpeg': (bytes: string) => bytes.startsWith('\xff\xd8\xff'),
  'image/svg+xml': (text: string) => /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(text),
} satisfies Record<string, (start: string) => boolean>);

const DATA_URL = /^data:(image\/png|image\/jpeg|image\/svg\+xml);base64,((?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?)$/;

export type Logo = { type: keyof typeof LOGO_TYPES; bytes: Uint8Array<ArrayBuffer> };

/** Decodes a logo data URL, or says why it is not a PNG, JPEG or SVG image of at most 256 KB. */
export function parseLogo(dataUrl: string): Logo | string {
  const match = DATA_URL.exec(dataUrl);
  const type = match?.[1] as keyof typeof LOGO_TYPES | undefined;
  const base64 = match?.[2];
  if (!type || base64 === undefined) return 'Upload a PNG, JPEG or SVG image';
  const size = Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);
  if (size > MAX_LOGO_BYTES) return `The logo is ${Math.ceil(size / 1024)} KB; use an image of at most 256 KB`;
  const binary = atob(base64);
  // The content must be what the type says: a renamed file is refused rather than served under a false type.
  if (!LOGO_TYPES[type](binary.slice(0, 512))) return `This file is not a valid ${type.split('/')[1]?.toUpperCase()} image`;
  return { type, bytes: Uint8Array.from(binary, (char) => char.charCodeAt(0)) };
}

export function toLogoDataUrl(logo: Logo | null): string {
  if (!logo) return '';
  let binary = '';
  for (const byte of logo.bytes) binary += String.fromCharCode(byte);
  return `data:${logo.type};base64,${btoa(binary)}`;
}

export const overviewSchema = z
  .object({
    name: realmNameSchema,
    description: textSchema(2000),
    // A data: URL ('' = no logo): the form reads the uploaded file, the server decodes and checks it again.
    logo: z.string().refine((value) => value === '' || typeof parseLogo(value) !== 'string', {
      error: (issue) => String(parseLogo(String(issue.input))),
    }),
    documentTitle: lineSchema(200),
    pageHeader: lineSchema(200),
    smtpHost: optionalHostnameSchema('smtp.example.com'),
    smtpPort: integerSchema(1, 65535),
    smtpUsername: lineSchema(256),
    smtpPassword: secretSchema,
    smtpSecurity: optionSchema(SMTP_SECURITY_OPTIONS, 'a security mode'),
    smtpAllowPlainAuth: booleanSchema(),
    senderAddress: optionalEmailSchema(),
    senderName: lineSchema(200),
    emailSubject: lineSchema(200).min(1, { error: 'Enter the subject of one-time passcode emails' }),
  })
  .superRefine((values, ctx) => {
    if (values.smtpHost !== '' && values.senderAddress === '') {
      ctx.addIssue({ code: 'custom', path: ['senderAddress'], message: 'Enter the address emails are sent from' });
    }
    if (sendsPasswordInClear(values) && !values.smtpAllowPlainAuth) {
      ctx.addIssue({ code: 'custom', path: ['smtpSecurity'], message: PLAIN_AUTH_MESSAGE });
    }
  });

export const PLAIN_AUTH_MESSAGE =
  'Without SSL the SMTP password travels in clear text: choose STARTTLS or SSL-TLS, or tick Allow plain-text authentication';

/** Whether these settings would send the SMTP password unencrypted: SSL None, a username and a password. */
export function sendsPasswordInClear(values: Pick<OverviewValues, 'smtpSecurity' | 'smtpUsername' | 'smtpPassword'>): boolean {
  return values.smtpSecurity === 'none' && values.smtpUsername !== '' && hasSecret(values.smtpPassword);
}

export type OverviewValues = z.infer<typeof overviewSchema>;

export function defaultOverviewValues(realm: { name: string }): OverviewValues {
  return {
    name: realm.name,
    description: '',
    logo: '',
    documentTitle: realm.name,
    pageHeader: realm.name,
    smtpHost: '',
    smtpPort: 25,
    smtpUsername: '',
    smtpPassword: { isSet: false, replacement: null },
    smtpSecurity: 'none',
    smtpAllowPlainAuth: false,
    senderAddress: '',
    senderName: '',
    emailSubject: 'Your one-time passcode',
  };
}

type OverviewRow = Omit<RealmOverview, 'realmId' | 'version'>;

export function toOverviewValues(name: string, row: Omit<RealmOverview, 'version'>): OverviewValues {
  const logo = row.logo && row.logoType ? { type: row.logoType as Logo['type'], bytes: row.logo } : null;
  return {
    name,
    description: row.description,
    logo: toLogoDataUrl(logo),
    documentTitle: row.documentTitle,
    pageHeader: row.pageHeader,
    smtpHost: row.smtpHost,
    smtpPort: row.smtpPort,
    smtpUsername: row.smtpUsername,
    smtpPassword: secretValue(row.smtpPasswordEnc),
    smtpSecurity: row.smtpSecurity as OverviewValues['smtpSecurity'],
    smtpAllowPlainAuth: row.smtpAllowPlainAuth,
    senderAddress: row.senderAddress,
    senderName: row.senderName,
    emailSubject: row.emailSubject,
  };
}

/** The columns to store; the secret is returned as is for the repository to encrypt or keep. */
export function fromOverviewValues(values: OverviewValues): {
  name: string;
  row: Omit<OverviewRow, 'smtpPasswordEnc'>;
  smtpPassword: SecretValue;
} {
  const { name, smtpPassword, logo, ...rest } = values;
  const parsed = logo === '' ? null : parseLogo(logo);
  const image = typeof parsed === 'string' ? null : parsed; // the schema has refused a bad logo already
  return { name, smtpPassword, row: { ...rest, logo: image?.bytes ?? null, logoType: image?.type ?? null } };
}
