/** The realm console's tabs, in order: each is a route /realms/[realmId]/<slug> saving only its own fields. */
export const REALM_TABS = Object.freeze([
  { slug: 'overview', label: 'Overview' },
  { slug: 'data', label: 'Data' },
  { slug: 'workflow', label: 'Workflow' },
  { slug: 'multi-factor-methods', label: 'Multi-Factor Methods' },
  { slug: 'post-authentication', label: 'Post Authentication' },
] as const);

export type RealmTab = (typeof REALM_TABS)[number]['slug'];
