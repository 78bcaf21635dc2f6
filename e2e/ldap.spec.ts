import { readFileSync } from 'node:fs';
import net from 'node:net';

import { LDAP_SERVICE } from '../test/ldap/slapd';

import { configureOpenLdap, configureSignIn, ssoPathOf, testLdap } from './support/data-tab';
import { expect, test } from './support/fixtures';
import { CIPHERTEXT, recordResponseBodies } from './support/responses';
import { startTestSp } from './support/test-sp';

const AUDIENCE = 'us-api.mimecast.com.LDAPE2E';

test('an admin sets up Open LDAP and tests it; an LDAP user signs in and the SP gets their mail as NameID', async ({
  page,
  browser,
  realm,
}) => {
  const ldap = testLdap();
  const sp = await startTestSp({ audience: AUDIENCE });
  const responses = recordResponseBodies(page);
  try {
    const tab = await configureOpenLdap(page, realm.id, { url: ldap.url });
    await expect(page.getByText('Standard sends passwords to the directory in clear text')).toBeVisible();
    await tab.field('Connection Mode').selectOption({ label: 'StartTLS' });
    await tab.field('Verify TLS Certificate').selectOption('false');
    await expect(page.getByText("The directory's certificate is not checked")).toBeVisible();
    await tab.field('Verify TLS Certificate').selectOption('true');
    await expect(page.getByText("The directory's certificate is not checked")).toHaveCount(0);

    // Test Connection tries the form as it is: StartTLS without the test CA fails, and says why.
    const result = page.getByRole('status', { name: 'Test Connection result' });
    await page.getByLabel('Test username (optional)').fill('jane');
    await tab.form.getByRole('button', { name: 'Test Connection' }).click();
    await expect(result).toContainText('its certificate is not signed by a CA Realmgate trusts');
    await tab.field('CA Certificate').fill(ldap.caPem);
    await tab.form.getByRole('button', { name: 'Test Connection' }).click();
    await expect(result).toContainText('Connected. Found jane.');
    const profile = result.getByRole('definition');
    await expect(profile).toContainText(['jane', 'jane@mail.realmgate.test', 'MC-1001', 'Finance, Staff']);
    await expect(result).toContainText('May sign in.');
    await tab.save();

    const post = await configureSignIn(page, realm.id, { acsUrl: sp.acsUrl, audience: AUDIENCE });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      post.form.getByRole('link', { name: 'Download Metadata File' }).click(),
    ]);
    sp.trustMetadata(readFileSync((await download.path()) ?? '', 'utf8'));

    const endUser = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
    await endUser.goto(await ssoPathOf(page, realm.name));
    // Username | Password: the username page, then the password page.
    await endUser.getByLabel('Username').fill('jane');
    await endUser.getByRole('button', { name: 'Continue' }).click();
    await endUser.getByLabel('Password').fill('jane password');
    await endUser.getByRole('button', { name: 'Sign in' }).click();
    await expect(endUser.getByRole('heading', { name: 'Welcome jane@mail.realmgate.test' })).toBeVisible();
    expect(sp.rejected).toEqual([]);
    expect(sp.received.map((assertion) => assertion.nameId)).toEqual(['jane@mail.realmgate.test']);

    const bodies = (await responses()).join('\n');
    expect(bodies).not.toContain(LDAP_SERVICE.password);
    expect(bodies).not.toMatch(CIPHERTEXT);
  } finally {
    await sp.close();
  }
});

test('a directory that never answers: Test Connection and the sign-in page both say so within the timeout', async ({
  page,
  browser,
  realm,
}) => {
  const sockets: net.Socket[] = [];
  const silent = net.createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as net.AddressInfo;
  try {
    const tab = await configureOpenLdap(page, realm.id, { url: `ldap://127.0.0.1:${port}`, timeoutSeconds: 1 });
    await tab.form.getByRole('button', { name: 'Test Connection' }).click();
    await expect(page.getByRole('status', { name: 'Test Connection result' })).toHaveText(
      `No answer from 127.0.0.1:${port} within the connection timeout (1 s).`,
    );
    await tab.save();
    await configureSignIn(page, realm.id, { acsUrl: 'https://127.0.0.1:9/acs', audience: AUDIENCE });

    const endUser = await (await browser.newContext()).newPage();
    await endUser.goto(await ssoPathOf(page, realm.name));
    await endUser.getByLabel('Username').fill('jane');
    await endUser.getByRole('button', { name: 'Continue' }).click();
    await endUser.getByLabel('Password').fill('jane password');
    const started = Date.now();
    await endUser.getByRole('button', { name: 'Sign in' }).click();
    await expect(endUser.getByRole('alert')).toHaveText(
      'The directory is unavailable, so you cannot sign in right now. Please try again in a few minutes.',
    );
    expect(Date.now() - started).toBeLessThan(5000);
    await expect(endUser.getByText(/^Reference: [0-9A-F]{8}$/)).toBeVisible();
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  }
});
