import { Secret } from 'otpauth';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';

import { db } from '@/lib/db';
import { renderMetrics, resetMetrics } from '@/lib/metrics';
import { generateTotp } from '@/lib/mfa/totp';
import { loadTab, saveTab } from '@/lib/realm/repository';
import { TEST_ADMIN } from '@/test/admin';
import { databaseSnapshot } from '@/test/database-snapshot';
import { startSmtpSink } from '@/test/smtp-sink';

import { CHECKS_PER_ADDRESS } from './sign-in';
import { NOW, PASSWORD, addUser, browser, type TestBrowser, setUpSsoRealm } from './test-realm';
import { type Sink, lastCode, read, realmWith, walkWorkflow } from './test-workflow';

let sink: Sink;
beforeAll(async () => {
  await setUpSsoRealm();
  sink = await startSmtpSink();
});
afterAll(() => sink.close());
afterEach(() => {
  vi.restoreAllMocks();
});

let users = 0;
const newUser = async () => {
  const username = `mfa${(users += 1)}`;
  await addUser(username, `${username}.mimecast@example.com`);
  return { username, email: `${username}@mail.example.com` };
};

/** Up to the second factor of Username & Password | Second Factor, at `now`. */
async function atSecondFactor(slug: string, username: string, now = NOW): Promise<TestBrowser> {
  const client = browser(slug);
  await client.get(now);
  await client.post({ step: 'credentials', username, password: PASSWORD }, now);
  return client;
}

/** A browser that has opened the sign-in page (and so holds its CSRF cookie). */
async function opened(slug: string): Promise<TestBrowser> {
  const client = browser(slug);
  await client.get();
  return client;
}

const verify = (client: TestBrowser, code: string, now = NOW) => client.post({ step: 'second-factor', action: 'verify', code }, now);
const choose = (client: TestBrowser, method: string, now = NOW) => client.post({ step: 'second-factor', action: 'choose', method }, now);

describe('email one-time passcodes', () => {
  test('a code is single use, stored only as a hash, and mailed to the chosen address', async () => {
    const realm = await realmWith(sink, 'username-second-factor-password');
    const { username, email } = await newUser();
    const client = browser(realm.slug);
    await client.get();
    const methods = await read(await client.post({ step: 'username', username }));
    expect(methods.html).toContain('Email a passcode to m***@mail.example.com');
    expect(methods.html).not.toContain(email);
    await choose(client, 'email1');
    const code = lastCode(sink, email);
    expect(JSON.stringify(await databaseSnapshot(db))).not.toContain(code);
    expect((await read(await verify(client, code))).html).toContain('<label for="password">Password</label>');
    const row = await db.signInTransaction.findFirstOrThrow({ where: { realmId: realm.id } });
    expect(row.codeHash).toBeNull(); // used up
    expect((await read(await verify(client, code))).html).toContain('Please complete this step first.');
  });

  test('/metrics counts second factors by realm, method and outcome', async () => {
    resetMetrics();
    const realm = await realmWith(sink, 'username-and-password-second-factor');
    const { username, email } = await newUser();
    const client = await atSecondFactor(realm.slug, username);
    await choose(client, 'email1');
    const code = lastCode(sink, email);
    await verify(client, String((Number(code) + 1) % 1_000_000).padStart(6, '0'));
    expect((await read(await verify(client, code))).html).toContain('SAMLResponse');
    const text = renderMetrics();
    for (const outcome of ['failure', 'success']) {
      expect(text).toContain(`realmgate_second_factors_total{realm="${realm.slug}",method="email1",outcome="${outcome}"} 1\n`);
    }
  });

  test('a code expires after the Lifetime', async () => {
    const realm = await realmWith(sink, 'username-and-password-second-factor', { mfa: { otpLifetimeMinutes: 2 } });
    const { username, email } = await newUser();
    const client = await atSecondFactor(realm.slug, username);
    await choose(client, 'email1');
    const late = await read(await verify(client, lastCode(sink, email), NOW + 2 * 60_000));
    expect(late.html).toContain('This passcode has expired. Send a new passcode.');
    expect(late.html).not.toContain('SAMLResponse');
  });

  test('of parallel guesses, Max Attempts are compared; after them even the right code is refused', async () => {
    const realm = await realmWith(sink, 'username-and-password-second-factor', {
      mfa: { otpMaxAttempts: 3 },
      workflow: { maxInvalidAttempts: 50 },
    });
    const { username, email } = await newUser();
    const client = await atSecondFactor(realm.slug, username);
    await choose(client, 'email1');
    const code = lastCode(sink, email);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const pages = await Promise.all(Array.from({ length: 10 }, async () => read(await verify(client, wrong))));
    expect(pages.filter((page) => page.html.includes('The passcode is incorrect.'))).toHaveLength(3);
    expect(pages.filter((page) => page.html.includes('Too many wrong passcodes. Send a new passcode.'))).toHaveLength(7);
    const right = await read(await verify(client, code));
    expect(right.html).toContain('Too many wrong passcodes');
    expect(right.html).not.toContain('SAMLResponse');
  });

  test('a new code no sooner than 30 seconds after the last, at most 3 per sign-in; the old code stops working', async () => {
    const realm = await realmWith(sink, 'username-and-password-second-factor');
    const { username, email } = await newUser();
    const client = await atSecondFactor(realm.slug, username);
    await choose(client, 'email1');
    const first = lastCode(sink, email);
    const resend = (now: number) => client.post({ step: 'second-factor', action: 'resend' }, now);
    expect((await read(await resend(NOW + 10_000))).html).toContain('Please wait 20 seconds before asking for a new passcode.');
    expect((await read(await resend(NOW + 30_000))).html).toContain('We sent a new passcode.');
    expect((await read(await resend(NOW + 60_000))).html).toContain('We sent a new passcode.');
    const limit = await read(await resend(NOW + 90_000));
    expect(limit.status).toBe(429);
    expect(limit.html).toContain('This sign-in has sent as many passcodes as it may.');
    expect(sink.received.filter((mail) => mail.to.includes(email))).toHaveLength(3);
    expect((await read(await verify(client, first, NOW + 90_000))).html).toContain('The passcode is incorrect.');
    expect((await read(await verify(client, lastCode(sink, email), NOW + 90_000))).html).toContain('SAMLResponse');
  });

  test('a method the realm does not enable, or the user cannot receive, cannot be chosen', async () => {
    const realm = await realmWith(sink, 'username-and-password-second-factor', { mfa: { totpEnabled: false } });
    const { username } = await newUser();
    const client = await atSecondFactor(realm.slug, username);
    for (const method of ['email2', 'email3', 'totp', 'sms']) {
      const refused = await read(await choose(client, method));
      expect(refused.status).toBe(400);
      expect(refused.html).toContain('Choose one of the methods shown.');
    }
  });

  test('a user with no method gets a clear message; an unknown username reads the same', async () => {
    const realm = await realmWith(sink, 'username-second-factor', { mfa: { totpEnabled: false } });
    const noMethod = browser(realm.slug);
    await noMethod.get();
    const page = await read(await noMethod.post({ step: 'username', username: 'noemail2' })); // noemail2 has Email 1 …
    expect(page.html).toContain('Email a passcode to'); // … so first a realm where Email 1 is off:
    const strict = await realmWith(sink, 'username-second-factor', {
      mfa: { totpEnabled: false, emailFields: ['disabled', 'disabled', 'enabled', 'disabled'] },
    });
    const texts = [];
    for (const username of ['noemail2', 'nobody-here']) {
      const client = browser(strict.slug);
      await client.get();
      const page = await read(await client.post({ step: 'username', username }));
      texts.push({ status: page.status, html: page.html.replace(/(name="csrf" value|nonce)="[^"]+"/g, '') });
    }
    expect(texts[0]?.html).toContain('Please ask your administrator');
    expect(texts[1]).toEqual(texts[0]);
  });
});

describe('time-based passcodes (TOTP)', () => {
  const secretOf = (html: string) => /aria-label="Secret key">([A-Z2-7 ]+)</.exec(html)?.[1]?.replace(/ /g, '') ?? '';
  const codeAt = (secret: string, now: number, digits = 6) =>
    generateTotp(Secret.fromBase32(secret), { digits, period: 30, drift: 0 }, now);

  test('enrols after the password, with the QR code and key shown once; the next sign-in uses the app', async () => {
    const realm = await realmWith(sink, 'username-and-password-second-factor', { mfa: { totpLength: 8, totpIssuer: 'Acme SSO' } });
    const { username } = await newUser();
    const client = await atSecondFactor(realm.slug, username);
    const enrol = await read(await choose(client, 'totp'));
    expect(enrol.html).toContain('Set up your authenticator app');
    expect(enrol.html).toContain('<div class="qr" role="img" aria-label="QR code for your authenticator app"><svg');
    expect(enrol.html).toContain(`Account: ${username} · Issuer: Acme SSO · 8 digits every 30 seconds`);
    const secret = secretOf(enrol.html);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const row = await db.signInTransaction.findFirstOrThrow({ where: { realmId: realm.id } });
    expect(JSON.stringify(row)).not.toContain(secret); // pending, sealed

    expect((await read(await verify(client, '12345678'))).html).toContain('The passcode is incorrect.');
    expect((await read(await verify(client, codeAt(secret, NOW, 8)))).html).toContain('SAMLResponse');
    const enrolment = await db.totpEnrollment.findFirstOrThrow({ where: { realmId: realm.id } });
    expect(enrolment.secretEnc).not.toContain(secret);

    // The next sign-in: the app's code, no key shown again; the code just used is refused (same time step).
    const next = await atSecondFactor(realm.slug, username, NOW + 1000);
    const code = await read(await choose(next, 'totp', NOW + 1000));
    expect(code.html).toContain('Enter the passcode your authenticator app shows now.');
    expect(code.html).not.toContain(secret.slice(0, 4));
    expect((await read(await verify(next, codeAt(secret, NOW, 8), NOW + 1000))).html).toContain('This passcode was used already.');
    expect((await read(await verify(next, codeAt(secret, NOW + 30_000, 8), NOW + 30_000))).html).toContain('SAMLResponse');
  });

  test('Allowed Drift from the tab: a code one step old passes with drift 1, two steps old does not', async () => {
    const realm = await realmWith(sink, 'username-and-password-second-factor', { mfa: { totpDrift: 1 } });
    const { username } = await newUser();
    const client = await atSecondFactor(realm.slug, username);
    const secret = secretOf((await read(await choose(client, 'totp'))).html);
    await verify(client, codeAt(secret, NOW));
    const later = NOW + 10 * 30_000;
    const stale = await atSecondFactor(realm.slug, username, later);
    await choose(stale, 'totp', later);
    expect((await read(await verify(stale, codeAt(secret, later - 60_000), later))).html).toContain('The passcode is incorrect.');
    expect((await read(await verify(stale, codeAt(secret, later - 30_000), later))).html).toContain('SAMLResponse');
  });

  test('a code of a method the admin turned off meanwhile is refused', async () => {
    const realm = await realmWith(sink, 'username-and-password-second-factor');
    const { username } = await newUser();
    const client = await atSecondFactor(realm.slug, username);
    const secret = secretOf((await read(await choose(client, 'totp'))).html);
    const { values, version } = await loadTab(realm.id, 'multi-factor-methods');
    await saveTab(TEST_ADMIN, realm.id, 'multi-factor-methods', { ...values, totpEnabled: false }, version);
    const refused = await read(await verify(client, codeAt(secret, NOW)));
    expect(refused.html).toContain('Choose a method first.');
    expect(refused.html).not.toContain('SAMLResponse');
    expect(await db.totpEnrollment.count({ where: { realmId: realm.id } })).toBe(0);
  });

  test('a workflow that asks for the second factor before any password offers no enrolment', async () => {
    const realm = await realmWith(sink, 'username-second-factor');
    const { username } = await newUser();
    const client = browser(realm.slug);
    await client.get();
    const methods = await read(await client.post({ step: 'username', username }));
    expect(methods.html).not.toContain('value="totp"');
    expect((await read(await choose(client, 'totp'))).status).toBe(400);
    expect(await db.totpEnrollment.count({ where: { realmId: realm.id } })).toBe(0);
  });
});

describe('abuse limits', () => {
  test('wrong codes count toward Account Lockout, and a right password does not wipe them', async () => {
    const realm = await realmWith(sink, 'username-and-password-second-factor', { workflow: { maxInvalidAttempts: 3 } });
    const { username, email } = await newUser();
    const first = await atSecondFactor(realm.slug, username);
    await choose(first, 'email1');
    expect((await read(await verify(first, '000000'))).html).toContain('incorrect');
    expect((await read(await verify(first, '000001'))).html).toContain('incorrect');
    // Starting over with the right password: the two wrong codes still count.
    const second = await atSecondFactor(realm.slug, username);
    await choose(second, 'email1');
    expect((await read(await verify(second, '000002'))).html).toContain('Too many failed sign-ins. Try again in 10 minutes.');
    expect((await read(await verify(second, lastCode(sink, email)))).html).not.toContain('SAMLResponse');
    const locked = await read(await (await opened(realm.slug)).post({ step: 'credentials', username, password: PASSWORD }));
    expect(locked.html).toContain('Too many failed sign-ins');
  });

  test('a successful sign-in clears the count, so Max Invalid Attempts 1 still lets a right password and code in', async () => {
    const realm = await realmWith(sink, 'username-and-password-second-factor', { workflow: { maxInvalidAttempts: 1 } });
    const { username } = await newUser();
    const done = await walkWorkflow(browser(realm.slug), 'username-and-password-second-factor', { sink, username });
    expect(await done.text()).toContain('SAMLResponse');
    expect(
      await walkWorkflow(browser(realm.slug), 'username-and-password-second-factor', { sink, username }).then((r) => r.text()),
    ).toContain('SAMLResponse');
  });

  test('sign-ins are throttled per client address across usernames, counted in the database', { timeout: 60_000 }, async () => {
    const realm = await realmWith(sink, 'username-and-password-second-factor', { workflow: { maxInvalidAttempts: 100 } });
    const guesser = browser(realm.slug, '203.0.113.9');
    await guesser.get();
    // As many at once as an address may have checked at once (lib/sso/sign-in.ts CHECKS_PER_ADDRESS).
    const pages = [];
    for (let i = 0; i < 55; i += CHECKS_PER_ADDRESS) {
      const batch = Array.from({ length: Math.min(CHECKS_PER_ADDRESS, 55 - i) }, (_, j) => i + j);
      pages.push(
        ...(await Promise.all(
          batch.map(async (n) => read(await guesser.post({ step: 'credentials', username: `guess${n}`, password: 'x' }))),
        )),
      );
    }
    expect(pages.filter((page) => page.html.includes('The username or password is incorrect.'))).toHaveLength(50);
    expect(pages.filter((page) => page.status === 429)).toHaveLength(5);
    expect(await db.throttle.findUniqueOrThrow({ where: { key: 'sso-sign-in:address:203.0.113.9' } })).toMatchObject({ count: 55 });
    const { username } = await newUser();
    const same = await read(await guesser.post({ step: 'credentials', username, password: PASSWORD }));
    expect(same.html).toContain('Too many failed sign-ins');
    const elsewhere = await read(await (await opened(realm.slug)).post({ step: 'credentials', username, password: PASSWORD }));
    expect(elsewhere.html).toContain('Email a passcode to');
  });

  test('failure rows of unknown usernames go once their window is over', async () => {
    const realm = await realmWith(sink, 'username-password', { workflow: { lockoutMinutes: 10 } });
    const client = browser(realm.slug);
    await client.get();
    await client.post({ step: 'username', username: 'made-up-name' });
    await client.post({ step: 'password', password: 'guess' });
    expect(await db.signInFailure.count({ where: { realmId: realm.id, usernameKey: 'made-up-name' } })).toBe(1);
    const later = NOW + 11 * 60_000;
    const other = browser(realm.slug);
    await other.get(later);
    await other.post({ step: 'username', username: 'another-name' }, later);
    await other.post({ step: 'password', password: 'guess' }, later);
    expect(await db.signInFailure.count({ where: { realmId: realm.id, usernameKey: 'made-up-name' } })).toBe(0);
  });

  test("an address's count goes once its window is over, at the next sign-in from anywhere", async () => {
    const realm = await realmWith(sink, 'username-and-password-second-factor');
    const once = browser(realm.slug, '203.0.113.77');
    await once.get();
    await once.post({ step: 'credentials', username: 'someone', password: 'guess' });
    const key = 'sso-sign-in:address:203.0.113.77';
    expect(await db.throttle.count({ where: { key } })).toBe(1);
    const later = NOW + 16 * 60_000;
    const other = browser(realm.slug);
    await other.get(later);
    await other.post({ step: 'credentials', username: 'someone', password: 'guess' }, later);
    expect(await db.throttle.count({ where: { key } })).toBe(0);
  });
});
