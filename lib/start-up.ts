import 'server-only';

import { type FirstAdmin, ensureFirstAdmin } from '@/lib/auth/admins';
import { ensureDefaultCertificate } from '@/lib/certificates/store';
import { seedDemoRealm } from '@/lib/realm/demo-realm';

export type StartUpResult = { admin: FirstAdmin | null; certificate: boolean; demoRealm: boolean };

/**
 * What a new installation needs, made on first start (instrumentation.ts): the first administrator, a default signing
 * certificate and the demo realm. Each is made once even when several instances start at once on one empty database:
 * a unique key in the database lets one of them win (the admin's username, the single default certificate, the
 * claim on the demo realm), and the others find it made.
 */
export async function prepareInstallation(env: Record<string, string | undefined> = process.env): Promise<StartUpResult> {
  const admin = await ensureFirstAdmin(env);
  const certificate = await ensureDefaultCertificate();
  const demoRealm = await seedDemoRealm();
  return { admin, certificate, demoRealm };
}
