import type { RealmTab } from '@/lib/realm/tabs';

import { dataSchema } from './data';
import { multiFactorMethodsSchema } from './multi-factor-methods';
import { overviewSchema } from './overview';
import { postAuthenticationSchema } from './post-authentication';
import { workflowSchema } from './workflow';

/** The one schema per tab, shared by the tab's form (zodResolver) and its server action. */
export const TAB_SCHEMAS = Object.freeze({
  overview: overviewSchema,
  data: dataSchema,
  workflow: workflowSchema,
  'multi-factor-methods': multiFactorMethodsSchema,
  'post-authentication': postAuthenticationSchema,
} satisfies Record<RealmTab, unknown>);
