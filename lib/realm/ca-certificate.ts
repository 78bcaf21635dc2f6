import 'server-only';

import { X509Certificate } from 'node:crypto';

import { ValidationError } from '@/lib/errors';

/**
 * The Data tab's CA Certificate, read as the TLS layer will read it: every PEM block must be an X.509
 * certificate (the schema only checks the PEM shape, in the browser too). Node's parser reads RSA and EC alike.
 */
export function checkCaCertificate(pem: string): void {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  blocks.forEach((block, index) => {
    try {
      new X509Certificate(block);
    } catch {
      const which = blocks.length > 1 ? ` (certificate ${index + 1})` : '';
      throw new ValidationError({ caCertificate: `This is not a readable X.509 certificate${which}: paste the CA's certificate in PEM` });
    }
  });
}
