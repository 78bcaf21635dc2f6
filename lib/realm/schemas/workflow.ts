import { z } from 'zod';

import type { RealmWorkflow } from '@/lib/generated/prisma/client';
import { DEFAULT_PUBLIC_PRIVATE_OPTIONS, PUBLIC_PRIVATE_MODE_OPTIONS, WORKFLOW_OPTIONS } from '@/lib/realm/options';

import { booleanSchema, integerSchema, optionSchema, pickFormKeys } from './fields';

export const workflowSchema = z
  .object({
    defaultWorkflow: optionSchema(WORKFLOW_OPTIONS, 'a workflow'),
    publicPrivateMode: optionSchema(PUBLIC_PRIVATE_MODE_OPTIONS, 'a mode'),
    defaultPublicPrivate: optionSchema(DEFAULT_PUBLIC_PRIVATE_OPTIONS, 'a default mode'),
    rememberUserSelection: booleanSchema(),
    maxInvalidAttempts: integerSchema(1, 100),
    lockoutMinutes: integerSchema(1, 1440),
  })
  .superRefine((values, ctx) => {
    const forced = forcedDefaultPublicPrivate(values.publicPrivateMode);
    if (forced && values.defaultPublicPrivate !== forced) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultPublicPrivate'],
        message: `With ${values.publicPrivateMode === 'private-only' ? 'Private' : 'Public'} Mode Only the default must be ${forced === 'private' ? 'Default Private' : 'Default Public'}`,
      });
    }
  });

export type WorkflowValues = z.infer<typeof workflowSchema>;

/** A single-mode realm has only one possible default. */
export function forcedDefaultPublicPrivate(mode: string): WorkflowValues['defaultPublicPrivate'] | null {
  if (mode === 'private-only') return 'private';
  if (mode === 'public-only') return 'public';
  return null;
}

export function defaultWorkflowValues(): WorkflowValues {
  return {
    // Secure by default: a new realm asks for a second factor after the password.
    defaultWorkflow: 'username-and-password-second-factor',
    publicPrivateMode: 'both',
    defaultPublicPrivate: 'private',
    rememberUserSelection: true,
    maxInvalidAttempts: 5,
    lockoutMinutes: 15,
  };
}

type WorkflowRow = Omit<RealmWorkflow, 'realmId' | 'version'>;

export function toWorkflowValues(row: Omit<RealmWorkflow, 'version'>): WorkflowValues {
  return pickFormKeys<WorkflowValues>(row, workflowSchema);
}

export function fromWorkflowValues(values: WorkflowValues): WorkflowRow {
  return { ...values };
}
