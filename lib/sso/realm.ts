import 'server-only';

import { db } from '@/lib/db';
import type { MfaSettings } from '@/lib/mfa/methods';
import { toMultiFactorMethodsValues } from '@/lib/realm/schemas/multi-factor-methods';
import type { DirectoryConfig } from '@/lib/directory';
import { DIRECTORY_SELECT, toDirectoryConfig } from '@/lib/realm/directory-config';
import { toPostAuthenticationValues } from '@/lib/realm/schemas/post-authentication';
import type { PostAuthenticationValues } from '@/lib/realm/schemas/post-authentication';

/** What the end-user pages of a realm need, read in one query per request. */
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
};

export async function loadSsoRealm(slug: string): Promise<SsoRealm | null> {
  const realm = await db.realm.findUnique({
    where: { slug },
    select: {
      ...DIRECTORY_SELECT,
      slug: true,
      name: true,
      overview: { select: { documentTitle: true, pageHeader: true, logoType: true, emailSubject: true } },
      workflow: true,
      mfa: true,
      contactMethods: true,
      postAuth: true,
      samlAttributes: true,
    },
  });
  if (!realm?.overview || !realm.data || !realm.workflow || !realm.mfa || !realm.postAuth) return null;
  const { workflow } = realm;
  return {
    id: realm.id,
    slug: realm.slug,
    name: realm.name,
    documentTitle: realm.overview.documentTitle || realm.name,
    pageHeader: realm.overview.pageHeader || realm.name,
    hasLogo: realm.overview.logoType !== null,
    directory: toDirectoryConfig(realm),
    workflow: workflow.defaultWorkflow,
    device: {
      mode: workflow.publicPrivateMode,
      defaultPrivate: workflow.defaultPublicPrivate === 'private',
      rememberUserSelection: workflow.rememberUserSelection,
    },
    lockout: { maxInvalidAttempts: workflow.maxInvalidAttempts, lockoutMinutes: workflow.lockoutMinutes },
    mfa: toMultiFactorMethodsValues(realm.mfa, realm.contactMethods),
    emailSubject: realm.overview.emailSubject,
    postAuthentication: toPostAuthenticationValues(realm.postAuth, realm.samlAttributes),
  };
}

/** The realm's logo for its sign-in page, or null. */
export async function loadRealmLogo(slug: string): Promise<{ type: string; bytes: Uint8Array } | null> {
  const realm = await db.realm.findUnique({ where: { slug }, select: { overview: { select: { logo: true, logoType: true } } } });
  const logo = realm?.overview;
  return logo?.logo && logo.logoType ? { type: logo.logoType, bytes: logo.logo } : null;
}
