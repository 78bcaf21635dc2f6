import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { startSmtpSink } from '@/test/smtp-sink';

import { type SmtpSettings, sendMail } from './smtp';

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink.close());

const settings = (change: Partial<SmtpSettings>): SmtpSettings => ({
  host: '127.0.0.1',
  port: sink.port,
  security: 'none',
  username: 'mailer',
  password: 'smtp-pass',
  allowPlainAuth: false,
  senderAddress: 'idp@example.com',
  senderName: 'Realmgate',
  ...change,
});

const message = { to: 'admin@example.com', subject: 'Test', text: 'Hello' };

// The sink offers no TLS at all, as a plain-text mail server on the path would.
describe('sending mail without TLS', () => {
  test('sends no AUTH, and no mail, with SSL None unless plain-text authentication is allowed', async () => {
    const before = { auth: sink.authAttempts.length, mail: sink.received.length };
    await expect(sendMail(settings({}), message)).rejects.toThrow(/Refusing to send the SMTP password over a connection without TLS/);
    expect(sink.authAttempts).toHaveLength(before.auth);
    expect(sink.received).toHaveLength(before.mail);
  });

  test('sends no AUTH with STARTTLS when the server cannot start TLS', async () => {
    const before = sink.authAttempts.length;
    await expect(sendMail(settings({ security: 'starttls' }), message)).rejects.toThrow(/STARTTLS/);
    expect(sink.authAttempts).toHaveLength(before);
  });

  test('authenticates in clear text only when the admin allowed it', async () => {
    await sendMail(settings({ allowPlainAuth: true }), message);
    expect(sink.authAttempts.at(-1)).toBe('mailer');
    expect(sink.received.at(-1)).toMatchObject({ user: 'mailer', to: ['admin@example.com'] });
  });
});
