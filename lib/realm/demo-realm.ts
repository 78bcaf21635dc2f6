import 'server-only';

import { randomBytes } from 'node:crypto';

import { createRealm, listRealms } from '@/lib/realm/realm-list-repository';
import { SYSTEM_ACTOR } from '@/lib/history/types';
import { claimSystemState, deleteSystemState, readSystemState } from '@/lib/system-state';

export const DEMO_REALM_NAME = 'Mimecast Personal Portal';
const SEEDED_KEY = 'demo-realm-seeded';
const MIMECAST_PPORTAL_ACS = 'https://us-api.mimecast.com/login/sso/mpp';

/**
 * On a new installation (empty database, never seeded), creates the "Mimecast Personal Portal" realm set up
 * as the Mimecast IdP-initiated integration guide says. Runs once: a deleted demo realm stays deleted.
 * The audience keeps the guide's <ACCOUNT_CODE> placeholder, which the admin must replace before the tab saves.
 * Instances starting together on one database: the one that claims the seeding first seeds, the others do not.
 */
export async function seedDemoRealm(): Promise<boolean> {
  if ((await readSystemState(SEEDED_KEY)) !== null || (await listRealms()).length > 0) return false;
  if (!(await claimSystemState(SEEDED_KEY, new Date().toISOString()))) return false;
  try {
    await createDemoRealm();
  } catch (error) {
    // Not seeded after all: the next start tries again.
    await deleteSystemState(SEEDED_KEY);
    throw error;
  }
  return true;
}

async function createDemoRealm(): Promise<void> {
  await createRealm(SYSTEM_ACTOR, DEMO_REALM_NAME, (defaults, slug) => ({
    ...defaults,
    overview: {
      ...defaults.overview,
      description: 'Demo realm: Mimecast Personal Portal, IdP-initiated SAML 2.0 (Mimecast integration guide).',
    },
    workflow: { ...defaults.workflow, defaultWorkflow: 'username-password' },
    'post-authentication': {
      ...defaults['post-authentication'],
      redirect: 'saml-idp-initiated',
      userIdMapping: 'email2', // the profile property that holds the user's Mimecast ID (guide, step 1)
      nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
      consumerUrl: MIMECAST_PPORTAL_ACS,
      recipient: MIMECAST_PPORTAL_ACS,
      issuer: `urn:realmgate:${slug}:${randomBytes(6).toString('hex')}`,
      audience: 'us-api.mimecast.com.<ACCOUNT_CODE>',
    },
  }));
}
