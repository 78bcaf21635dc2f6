import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';

import { db } from '@/lib/db';
import { type WorkflowKey, WORKFLOW_STEPS } from '@/lib/workflow/machine';

import { addUser, browser, setUpSsoRealm } from './test-realm';
import { IDP_DOMAIN, OTHER_ACS, deliver, idpMetadata, nodeSamlSp, postedForm, spKeys, startWithNodeSaml } from './test-sp';
import { type Sink, realmWith, walkWorkflow } from './test-workflow';
import { startSmtpSink } from '@/test/smtp-sink';

// An SP's request waits in the sign-in row through every Default Workflow order, second factors included.
vi.setConfig({ testTimeout: 60_000 });

let sink: Sink;
beforeAll(async () => {
  await setUpSsoRealm();
  sink = await startSmtpSink();
});
afterAll(() => sink.close());

const ORDERS = Object.keys(WORKFLOW_STEPS) as WorkflowKey[];
let users = 0;

describe('an SP request through every Default Workflow order', () => {
  test.each(ORDERS)('%s: the answer carries InResponseTo and the RelayState; no sign-in row is left', async (workflow) => {
    const realm = await realmWith(sink, workflow, {
      postAuthentication: {
        redirect: 'saml-sp-initiated-post',
        spStartUrl: 'https://sp.example.com/login',
        metadataDomain: IDP_DOMAIN,
        allowedAcsUrls: OTHER_ACS,
        spCertificate: spKeys().certPem.trim(),
      },
    });
    const username = `spwf${(users += 1)}`;
    await addUser(username, `${username}.mimecast@example.com`);
    const now = Date.now();
    const saml = nodeSamlSp(realm.slug, await idpMetadata(realm.slug), { binding: 'post', sign: true });
    const started = await startWithNodeSaml(saml, { binding: 'post', relayState: `order ${workflow}` });
    const client = browser(realm.slug);
    await deliver(client, started, realm.slug, now);
    const posted = await postedForm(await walkWorkflow(client, workflow, { sink, username, now }));
    expect(posted.relayState).toBe(`order ${workflow}`);
    expect(posted.xml).toContain(`InResponseTo="${started.requestId}"`);
    expect((await saml.validatePostResponseAsync({ SAMLResponse: posted.samlResponse })).profile?.nameID).toBe(
      `${username}.mimecast@example.com`,
    );
    expect(await db.signInTransaction.count({ where: { realmId: realm.id } })).toBe(0);
  });
});
