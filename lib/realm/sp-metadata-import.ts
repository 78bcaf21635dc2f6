import 'server-only';

import { z } from 'zod';

import { ValidationError } from '@/lib/errors';
import { runFormAction } from '@/lib/form-action';
import type { FormResult } from '@/lib/form-result';
import { OutboundRefusedError, fetchOutbound } from '@/lib/http/outbound';
import { MAX_SP_METADATA_BYTES, SpMetadataError, readSpMetadata } from '@/lib/saml/sp-metadata';
import { reserveAttempt } from '@/lib/throttle';

import { parseHttpsUrl } from './schemas/fields';
import { MAX_ALLOWED_ACS_URLS } from './schemas/post-authentication';

/**
 * "SP metadata" on Post Authentication: an SP's metadata, pasted, uploaded or fetched from a URL, read into the
 * tab's fields. Nothing is saved: the form gets the values, and the admin reviews and saves them.
 */
export const spMetadataImportSchema = z.object({
  xml: z.string().max(MAX_SP_METADATA_BYTES, { error: `The metadata may have at most ${MAX_SP_METADATA_BYTES / 1024} KB` }),
  url: z.string().trim().max(2048),
  allowPrivate: z.boolean(),
});

export type SpMetadataFields = { consumerUrl: string; allowedAcsUrls: string; spEntityId: string; spCertificate: string };

export type ImportSpMetadataAction = (input: z.input<typeof spMetadataImportSchema>) => Promise<FormResult<SpMetadataFields>>;

// The console makes the server fetch what an admin says: a few imports a minute per admin, on every instance.
const FETCH_POLICY = { max: 10, windowMs: 60_000, lockMs: 60_000 };
export const FETCH_LIMITS = { maxBytes: MAX_SP_METADATA_BYTES, timeoutMs: 5_000 };

async function metadataBytes(input: z.infer<typeof spMetadataImportSchema>, adminId: string, ca?: string): Promise<Uint8Array> {
  if (input.url === '') {
    if (input.xml.trim() === '') throw new ValidationError({ xml: 'Paste or upload the metadata, or give its URL' });
    return new TextEncoder().encode(input.xml);
  }
  const throttle = await reserveAttempt(`sp-metadata:${adminId}`, FETCH_POLICY, new Date());
  if (!throttle.ok) throw new ValidationError({ url: 'Too many metadata fetches: wait a minute before the next one' });
  try {
    return await fetchOutbound(input.url, { ...FETCH_LIMITS, allowInternal: input.allowPrivate, ca });
  } catch (error) {
    if (error instanceof OutboundRefusedError) throw new ValidationError({ url: error.message });
    throw error;
  }
}

/** The tab's fields from the metadata: the first https ACS as the Consumer URL, the others as allowed ACS URLs. */
export async function readSpMetadataFields(input: unknown, options: { ca?: string } = {}): Promise<FormResult<SpMetadataFields>> {
  return runFormAction('import SP metadata', spMetadataImportSchema, input, async (values, admin) => {
    const field = values.url === '' ? 'xml' : 'url';
    try {
      const metadata = readSpMetadata(await metadataBytes(values, admin.id, options.ca));
      const acsUrls = metadata.acsUrls.map((url) => parseHttpsUrl(url)?.href).filter((url): url is string => Boolean(url));
      if (acsUrls.length === 0) throw new ValidationError({ [field]: 'The metadata names no https ACS URL for HTTP-POST' });
      return {
        consumerUrl: acsUrls[0] ?? '',
        allowedAcsUrls: acsUrls.slice(1, MAX_ALLOWED_ACS_URLS + 1).join('\n'),
        spEntityId: metadata.entityId,
        spCertificate: metadata.signingCertificatePem ?? '',
      };
    } catch (error) {
      if (error instanceof SpMetadataError) throw new ValidationError({ [field]: error.message });
      throw error;
    }
  });
}
