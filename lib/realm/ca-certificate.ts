import 'server-only';

import { X509Certificate } from 'node:crypto';

import { ValidationError } from '@/lib/errors';

/**
 * Certificates pasted in PEM, read as they will be used: every PEM block must be an X.509 certificate (the schemas
 * only check the PEM shape, in the browser too). Node's parser reads RSA and EC alike. `field` gets the message.
 */
export function checkPemCertificates(pem: string, field: string, whose: string): void {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  blocks.forEach((block, index) => {
    try {
      new X509Certificate(block);
    } catch {
      const which = blocks.length > 1 ? ` (certificate ${index + 1})` : '';
      throw new ValidationError({ [field]: `This is not a readable X.509 certificate${which}: paste ${whose} certificate in PEM` });
    }
  });
}

/** The Data tab's CA Certificate, as the TLS layer will read it. */
export function checkCaCertificate(pem: string): void {
  checkPemCertificates(pem, 'caCertificate', "the CA's");
}
