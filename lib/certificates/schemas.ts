import { z } from 'zod';

import { KEY_SIZES } from '@/lib/certificates/key-sizes';
import { isWellFormed } from '@/lib/characters';
import { BROKEN_TEXT_MESSAGE, RECORD_ID, integerSchema, lineSchema, textSchema } from '@/lib/realm/schemas/fields';

/** Generate: a self-signed RSA signing certificate. */
export const generateCertificateSchema = z.object({
  commonName: lineSchema(64).min(1, { error: 'Enter the subject common name (CN), e.g. Realmgate Signing' }),
  bits: z.number().refine((bits) => (KEY_SIZES as readonly number[]).includes(bits), { error: `Choose ${KEY_SIZES.join(' or ')} bits` }),
  years: integerSchema(1, 10),
});

const PEM_LIMIT = 20_000;

/** Import PEM: a certificate and its unencrypted private key, pasted or read from files. */
export const importPemSchema = z.object({
  certificate: textSchema(PEM_LIMIT, 'This is too long for one certificate').min(1, { error: 'Paste the certificate (PEM)' }),
  privateKey: textSchema(PEM_LIMIT, 'This is too long for one private key').min(1, { error: 'Paste the private key (PEM)' }),
});

/** Import PFX: the file as base64 (read in the browser) and its password. */
export const importPfxSchema = z.object({
  pfx: z
    .string()
    .min(1, { error: 'Choose a .pfx or .p12 file' })
    .max(200_000, { error: 'This file is too large for a PFX with one certificate' })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: 'This file could not be read' }),
  password: z.string().max(256).refine(isWellFormed, { error: BROKEN_TEXT_MESSAGE }),
});

/** Delete and Make default name a certificate by id. */
export const certificateIdSchema = z.object({ id: z.string().regex(RECORD_ID) });

export type GenerateCertificateValues = z.infer<typeof generateCertificateSchema>;
export type ImportPemValues = z.infer<typeof importPemSchema>;
export type ImportPfxValues = z.infer<typeof importPfxSchema>;
