/** Runs once when the server starts (Next.js instrumentation hook). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { ensureDefaultCertificate } = await import('@/lib/certificates/store');
  const { seedDemoRealm } = await import('@/lib/realm/demo-realm');
  if (await ensureDefaultCertificate()) console.log('Realmgate: created the default signing certificate.');
  if (await seedDemoRealm()) console.log('Realmgate: created the demo realm "Mimecast Personal Portal".');
}
