import { type ExpiringCertificate, describeExpiry } from '@/lib/certificates/expiry';

/** The console header's warning while a certificate in use expires within 30 days (or has expired). */
export function ExpiryBanner({ certificates }: { certificates: ExpiringCertificate[] }) {
  if (certificates.length === 0) return null;
  return (
    <div role="alert" aria-label="Certificate expiry" className="border-b border-amber-200 bg-amber-50">
      <div className="mx-auto grid max-w-5xl gap-1 px-6 py-2 text-sm text-amber-900">
        {certificates.map((certificate) => (
          <p key={certificate.id}>
            Signing certificate {certificate.commonName} ({certificate.serialHex}) {describeExpiry(certificate)}.{' '}
            {certificate.daysLeft < 0
              ? 'Realms that sign with it fail.'
              : 'Plan a next certificate on the Post Authentication tab of the realms that use it.'}{' '}
            <a href="/certificates" className="font-medium underline">
              Certificates
            </a>
          </p>
        ))}
      </div>
    </div>
  );
}
