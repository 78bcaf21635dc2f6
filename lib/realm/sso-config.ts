import 'server-only';

import { db } from '@/lib/db';
import type { DirectoryConfig } from '@/lib/directory';
import { type MultiFactorMethodsValues, toMultiFactorMethodsValues } from '@/lib/realm/schemas/multi-factor-methods';
import { type PostAuthenticationValues, toPostAuthenticationValues } from '@/lib/realm/schemas/post-authentication';
import { type WorkflowValues, toWorkflowValues } from '@/lib/realm/schemas/workflow';

import { DIRECTORY_SELECT, toDirectoryConfig } from './directory-config';

/**
 * A realm as its sign-in pages read it (lib/sso/realm.ts turns it into their own shape), with the realm's
 * configuration version: the SSO side caches it by that version (lib/sso/realm-cache.ts). The stored values are
 * read as they are, never checked against the tab schemas: a form rule tightened later never stops an existing
 * realm from signing in; SSO checks what it needs itself.
 */
export type RealmSsoConfig = {
  id: string;
  slug: string;
  name: string;
  version: number;
  overview: { documentTitle: string; pageHeader: string; hasLogo: boolean; emailSubject: string };
  /** The Data tab as the user store needs it, the LDAP service password decrypted. */
  directory: DirectoryConfig;
  workflow: WorkflowValues;
  mfa: MultiFactorMethodsValues;
  postAuthentication: PostAuthenticationValues;
};

export async function loadRealmSsoConfig(slug: string): Promise<RealmSsoConfig | null> {
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
  const { logoType, ...overview } = realm.overview;
  return {
    id: realm.id,
    slug: realm.slug,
    name: realm.name,
    version: realm.version,
    overview: { ...overview, hasLogo: logoType !== null },
    directory: toDirectoryConfig(realm),
    workflow: toWorkflowValues(realm.workflow),
    mfa: toMultiFactorMethodsValues(realm.mfa, realm.contactMethods),
    postAuthentication: toPostAuthenticationValues(realm.postAuth, realm.samlAttributes),
  };
}
