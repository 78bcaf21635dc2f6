/** Runs once when the server starts (Next.js instrumentation hook). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { prepareInstallation } = await import('@/lib/start-up');
  const { admin, certificate, demoRealm } = await prepareInstallation();
  if (admin?.generatedPassword) {
    // Printed once, here, and never stored in clear: sign in with it and change it on the Account page.
    console.log(`Realmgate: created the administrator "${admin.username}" with the password: ${admin.generatedPassword}`);
  } else if (admin) {
    console.log(`Realmgate: created the administrator "${admin.username}" with the password from REALMGATE_ADMIN_PASSWORD.`);
  }
  if (certificate) console.log('Realmgate: created the default signing certificate.');
  if (demoRealm) console.log('Realmgate: created the demo realm "Mimecast Personal Portal".');
  // A report, not a gate: a realm with bad text must not keep the others from starting.
  const { reportUnsafeStoredText } = await import('@/lib/stored-text');
  const { logError } = await import('@/lib/log');
  await reportUnsafeStoredText().catch((error: unknown) => logError('start-up check of stored text', error));
  // Expiry warnings reach the log once a day even when no admin opens the console; the day of the last line is in
  // the database, so several instances write it once between them (lib/certificates/expiry.ts).
  const { checkCertificateExpiry } = await import('@/lib/certificates/expiry');
  const warnOfExpiry = () => checkCertificateExpiry(new Date()).catch((error: unknown) => logError('certificate expiry check', error));
  await warnOfExpiry();
  setInterval(() => void warnOfExpiry(), 60 * 60 * 1000).unref();
  // scripts/server.mjs serves the realm URL with this, outside Next's router (lib/sso/direct.ts).
  const { registerDirectSso } = await import('@/lib/sso/direct');
  registerDirectSso();
}
