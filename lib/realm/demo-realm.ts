import 'server-only';

import { randomBytes } from 'node:crypto';

import { createRealm, listRealms } from '@/lib/realm/realm-list-repository';
import { fillTemplate } from '@/lib/realm/template-schema';
import { loadRealmTemplate } from '@/lib/realm/templates';
import { SYSTEM_ACTOR } from '@/lib/history/types';
import { claimSystemState, deleteSystemState, readSystemState } from '@/lib/system-state';

export const DEMO_REALM_NAME = 'Mimecast Personal Portal';
const SEEDED_KEY = 'demo-realm-seeded';

/**
 * On a new installation (empty database, never seeded), creates the "Mimecast Personal Portal" realm from the
 * Mimecast IdP-initiated template, as the Mimecast integration guide sets it up. Runs once: a deleted demo realm stays deleted.
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

/** The template the demo realm is made from (lib/realm/templates/), in Mimecast's guide's region. */
export const DEMO_TEMPLATE_ID = 'mimecast-personal-portal-idp-initiated';

async function createDemoRealm(): Promise<void> {
  const template = loadRealmTemplate(DEMO_TEMPLATE_ID);
  // The account code is the admin's to give: the guide's placeholder stays, and the tab asks for it before it saves.
  const parameters = { region: 'us', accountCode: '<ACCOUNT_CODE>', random: randomBytes(6).toString('hex') };
  await createRealm(
    SYSTEM_ACTOR,
    DEMO_REALM_NAME,
    (defaults, slug) => {
      const tabs = fillTemplate(template, defaults, { ...parameters, slug });
      const description = 'Demo realm: Mimecast Personal Portal, IdP-initiated SAML 2.0 (Mimecast integration guide).';
      return { ...tabs, overview: { ...tabs.overview, description } };
    },
    { origin: { field: 'template', label: 'Template', before: null, after: template.name } },
  );
}
