import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';

import { startSmtpSink } from '@/test/smtp-sink';

import { createRealm } from './realm-list-repository';
import { loadTab, saveTab } from './repository';
import { sendTestEmail } from './test-email';
import { TEST_ADMIN } from '@/test/admin';

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink.close());
afterEach(() => {
  vi.restoreAllMocks();
});

// The sink speaks no TLS: these realms allow plain-text authentication unless a test says otherwise.
async function realmWithSmtp(password: string, port = sink.port, allowPlainAuth = true) {
  const realm = await createRealm(TEST_ADMIN, `Mail ${Math.random()}`);
  const { values, version } = await loadTab(realm.id, 'overview');
  await saveTab(
    TEST_ADMIN,
    realm.id,
    'overview',
    {
      ...values,
      smtpHost: '127.0.0.1',
      smtpPort: port,
      smtpUsername: 'mailer',
      smtpPassword: { isSet: false, replacement: password },
      smtpAllowPlainAuth: allowPlainAuth,
      senderAddress: 'idp@example.com',
      senderName: 'Realmgate IdP',
    },
    version,
  );
  return realm;
}

describe('Send test email', () => {
  test('sends through the saved SMTP server, authenticated with the stored password', async () => {
    const realm = await realmWithSmtp('smtp-pass');
    const result = await sendTestEmail(realm.id, { to: 'admin@example.com' });
    expect(result).toEqual({ ok: true, message: 'Test email sent to admin@example.com.' });
    const mail = sink.received.at(-1);
    expect(mail).toMatchObject({ from: 'idp@example.com', to: ['admin@example.com'], user: 'mailer' });
    expect(mail?.raw).toContain(`Subject: Realmgate test email from ${realm.name}`);
    expect(mail?.raw).toContain('From: Realmgate IdP <idp@example.com>');
  });

  test('reports the server refusing the password, without revealing it', async () => {
    const realm = await realmWithSmtp('wrong-pass');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const result = await sendTestEmail(realm.id, { to: 'admin@example.com' });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/not sent: the server refused the username or password \(reference [0-9A-F]{8}\)\.$/);
    // The sink repeats the password it refused (test/smtp-sink.ts): its answer is logged, the password is not.
    expect(logged.mock.calls.join()).toContain('received \\"[secret]\\"');
    expect(result.message).not.toContain('wrong-pass');
    expect(logged.mock.calls.join()).not.toContain('wrong-pass');
  });

  test('reports a server that cannot be reached', async () => {
    const realm = await realmWithSmtp('smtp-pass', 1);
    const result = await sendTestEmail(realm.id, { to: 'admin@example.com' });
    expect(result).toMatchObject({ ok: false, message: /not sent: the server could not be reached/ });
    expect(result.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/); // no network probing through the console
  });

  test('refuses to send the password in clear text unless plain-text authentication is allowed', async () => {
    const realm = await realmWithSmtp('smtp-pass', sink.port, false);
    const attempts = sink.authAttempts.length;
    const result = await sendTestEmail(realm.id, { to: 'admin@example.com' });
    expect(result).toMatchObject({ ok: false, message: /not sent: the password would travel in clear text/ });
    expect(sink.authAttempts).toHaveLength(attempts);
  });

  test.each([
    ['an empty address', { to: '' }, /Enter the address/],
    ['an address with a line break', { to: 'a@example.com\nBcc: b@example.com' }, /address|single line/],
    ['no input', undefined, /./],
  ])('refuses %s', async (_case, input, message) => {
    const realm = await realmWithSmtp('smtp-pass');
    const result = await sendTestEmail(realm.id, input);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(message);
  });

  test('allows at most five test emails a minute per realm', async () => {
    const realm = await realmWithSmtp('smtp-pass');
    const results = [];
    for (let i = 0; i < 6; i += 1) results.push(await sendTestEmail(realm.id, { to: 'admin@example.com' }));
    expect(results.slice(0, 5).every((result) => result.ok)).toBe(true);
    expect(results[5]).toEqual({ ok: false, message: 'Too many test emails: wait a minute before sending another.' });
  });

  test('counts the limit in the database: sends in parallel, and another instance, get no more than five', async () => {
    const realm = await realmWithSmtp('smtp-pass');
    const parallel = await Promise.all(Array.from({ length: 4 }, () => sendTestEmail(realm.id, { to: 'admin@example.com' })));
    expect(parallel.every((result) => result.ok)).toBe(true);
    // A fresh copy of the module stands for another instance: it has nothing of the first one's memory.
    vi.resetModules();
    const { sendTestEmail: sendFromAnotherInstance } = await import('./test-email');
    const more = await Promise.all(Array.from({ length: 3 }, () => sendFromAnotherInstance(realm.id, { to: 'admin@example.com' })));
    expect(more.filter((result) => result.ok)).toHaveLength(1);
  });

  test('asks for a server address first', async () => {
    const realm = await createRealm(TEST_ADMIN, `No mail ${Math.random()}`);
    expect(await sendTestEmail(realm.id, { to: 'admin@example.com' })).toMatchObject({ ok: false, message: /Set the Server Address/ });
  });
});
