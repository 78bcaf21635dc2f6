// Realms for each Default Workflow and a driver that walks their steps, for the workflow and MFA tests.
import { expect } from 'vitest';

import { createRealm } from '@/lib/realm/realm-list-repository';
import { loadTab, saveTab } from '@/lib/realm/repository';
import type { TabValues } from '@/lib/realm/schemas';
import { TEST_ADMIN } from '@/test/admin';
import { startSmtpSink } from '@/test/smtp-sink';

import { type WorkflowKey, WORKFLOW_STEPS } from '@/lib/workflow/machine';

import { NOW, PASSWORD, type TestBrowser, realmValues, type Reply } from './test-realm';

export type Sink = Awaited<ReturnType<typeof startSmtpSink>>;

type RealmChange = {
  workflow?: Partial<TabValues['workflow']>;
  mfa?: Partial<TabValues['multi-factor-methods']>;
  postAuthentication?: Partial<TabValues['post-authentication']>;
};

let realms = 0;

/** A realm with this Default Workflow (and other changes), its email passcodes going to `sink`. */
export async function realmWith(sink: Sink, workflow: WorkflowKey, change: RealmChange = {}) {
  const realm = await createRealm(TEST_ADMIN, `Workflow ${workflow} ${(realms += 1)}`, (defaults) => {
    const values = realmValues(defaults);
    return {
      ...values,
      workflow: { ...values.workflow, defaultWorkflow: workflow, ...change.workflow },
      'multi-factor-methods': { ...values['multi-factor-methods'], ...change.mfa },
      'post-authentication': { ...values['post-authentication'], ...change.postAuthentication },
    };
  });
  const { values, version } = await loadTab(realm.id, 'overview');
  await saveTab(
    TEST_ADMIN,
    realm.id,
    'overview',
    {
      ...values,
      pageHeader: 'Acme Portal',
      smtpHost: '127.0.0.1',
      smtpPort: sink.port,
      smtpUsername: 'mailer',
      smtpPassword: { isSet: false, replacement: 'smtp-pass' },
      smtpAllowPlainAuth: true,
      senderAddress: 'idp@example.com',
      senderName: 'Realmgate IdP',
    },
    version,
  );
  return realm;
}

/** The passcode of the last mail to `to`, read from the sink as a user reads their inbox. */
export function lastCode(sink: Sink, to: string): string {
  const mail = sink.received.filter((received) => received.to.includes(to)).at(-1);
  const code = mail && /one-time passcode: (\d+)/.exec(mail.raw)?.[1];
  if (!code) throw new Error(`no passcode mail to ${to}`);
  return code;
}

/** The text of a page, and its status. */
export const read = async (response: Reply) => ({ status: response.status, html: await response.text() });

/**
 * Walks a workflow's steps as a user does, the second factor by email to Email 1 (read from the sink). Returns
 * the last response (the auto-POST page when all went well).
 */
export async function walkWorkflow(
  client: TestBrowser,
  workflow: WorkflowKey,
  options: { sink: Sink; username: string; password?: string; now?: number; device?: 'private' | 'public' },
): Promise<Reply> {
  const { sink, username, password = PASSWORD, now = NOW } = options;
  const device: Record<string, string> = options.device ? { device: options.device } : {};
  await client.get(now);
  let response: Reply | undefined;
  for (const step of WORKFLOW_STEPS[workflow]) {
    if (step === 'credentials') response = await client.post({ step, username, password, ...device }, now);
    if (step === 'username') response = await client.post({ step, username, ...device }, now);
    if (step === 'password') response = await client.post({ step, password }, now);
    if (step === 'second-factor') {
      const chosen = await read(await client.post({ step, action: 'choose', method: 'email1' }, now));
      expect(chosen.html).toContain('We sent a passcode to');
      response = await client.post({ step, action: 'verify', code: lastCode(sink, `${username}@mail.example.com`) }, now);
    }
  }
  if (!response) throw new Error(`no steps in ${workflow}`);
  return response;
}
