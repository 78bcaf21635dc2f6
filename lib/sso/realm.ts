import 'server-only';

import { type SigningCredentials, loadSigningCredentials } from '@/lib/certificates/store';
import { db } from '@/lib/db';
import type { DirectoryConfig } from '@/lib/directory';
import type { MfaSettings } from '@/lib/mfa/methods';
import type { PostAuthenticationValues } from '@/lib/realm/schemas/post-authentication';
import { type RealmSsoConfig, loadRealmSsoConfig } from '@/lib/realm/sso-config';

/** What the end-user pages of a realm need: read through the realm repository, cached by version (realm-cache.ts). */
export type SsoRealm = {
  id: string;
  slug: string;
  name: string;
  documentTitle: string;
  pageHeader: string;
  hasLogo: boolean;
  /** The Data tab as the user store needs it (userStoreFor), the LDAP service password decrypted. */
  directory: DirectoryConfig;
  workflow: string;
  /** Workflow tab: whether the sign-in page asks "This is a private device", and its default. */
  device: { mode: string; defaultPrivate: boolean; rememberUserSelection: boolean };
  lockout: { maxInvalidAttempts: number; lockoutMinutes: number };
  mfa: MfaSettings;
  /** Overview's Subject, for the one-time passcode mail. */
  emailSubject: string;
  postAuthentication: PostAuthenticationValues;
  /** The certificate Post Authentication signs with (its own, or the default), its key opened; null: none. */
  signing: SigningCredentials | null;
};

function toSsoRealm(realm: RealmSsoConfig, signing: SigningCredentials | null): SsoRealm {
  const { workflow } = realm;
  return {
    id: realm.id,
    slug: realm.slug,
    name: realm.name,
    documentTitle: realm.overview.documentTitle || realm.name,
    pageHeader: realm.overview.pageHeader || realm.name,
    hasLogo: realm.overview.hasLogo,
    directory: realm.directory,
    workflow: workflow.defaultWorkflow,
    device: {
      mode: workflow.publicPrivateMode,
      defaultPrivate: workflow.defaultPublicPrivate === 'private',
      rememberUserSelection: workflow.rememberUserSelection,
    },
    lockout: { maxInvalidAttempts: workflow.maxInvalidAttempts, lockoutMinutes: workflow.lockoutMinutes },
    mfa: realm.mfa,
    emailSubject: realm.overview.emailSubject,
    postAuthentication: realm.postAuthentication,
    signing,
  };
}

/** The realm of a slug with its signing credentials and configuration version, or null; uncached (realm-cache.ts caches). */
export async function loadSsoRealmVersion(slug: string): Promise<{ realm: SsoRealm; version: number } | null> {
  const config = await loadRealmSsoConfig(slug);
  if (!config) return null;
  const signing = await loadSigningCredentials(config.postAuthentication.signingCertificateId || null);
  return { realm: toSsoRealm(config, signing), version: config.version };
}

export async function loadSsoRealm(slug: string): Promise<SsoRealm | null> {
  return (await loadSsoRealmVersion(slug))?.realm ?? null;
}

/** The realm's logo for its sign-in page, or null. */
export async function loadRealmLogo(slug: string): Promise<{ type: string; bytes: Uint8Array } | null> {
  const realm = await db.realm.findUnique({ where: { slug }, select: { overview: { select: { logo: true, logoType: true } } } });
  const logo = realm?.overview;
  return logo?.logo && logo.logoType ? { type: logo.logoType, bytes: logo.logo } : null;
}
