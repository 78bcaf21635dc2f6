import type { RealmTab } from '@/lib/realm/tabs';

import { type DataValues, dataSchema } from './data';
import { secretSchema } from './fields';
import { type MultiFactorMethodsValues, multiFactorMethodsSchema } from './multi-factor-methods';
import { type OverviewValues, overviewSchema } from './overview';
import { type PostAuthenticationValues, postAuthenticationSchema } from './post-authentication';
import { type WorkflowValues, workflowSchema } from './workflow';

/** The one schema per tab, shared by the tab's form (zodResolver) and its server action. */
export const TAB_SCHEMAS = Object.freeze({
  overview: overviewSchema,
  data: dataSchema,
  workflow: workflowSchema,
  'multi-factor-methods': multiFactorMethodsSchema,
  'post-authentication': postAuthenticationSchema,
} satisfies Record<RealmTab, unknown>);

/** Each tab's form values. */
export type TabValues = {
  overview: OverviewValues;
  data: DataValues;
  workflow: WorkflowValues;
  'multi-factor-methods': MultiFactorMethodsValues;
  'post-authentication': PostAuthenticationValues;
};

/** The tab's secret fields (SMTP and LDAP passwords): those its schema declares with secretSchema. */
export function secretFieldsOf(tab: RealmTab): string[] {
  const shape: Record<string, unknown> = TAB_SCHEMAS[tab].shape;
  return Object.keys(shape).filter((key) => shape[key] === secretSchema);
}
