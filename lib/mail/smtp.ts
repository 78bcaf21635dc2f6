import 'server-only';

import nodemailer from 'nodemailer';

/** A realm's Email Settings (SMTP) with the password decrypted: never logged, never sent to the browser. */
export type SmtpSettings = {
  host: string;
  port: number;
  security: 'none' | 'starttls' | 'tls';
  username: string;
  password: string | null;
  /** SSL None with a password: the admin ticked "Allow plain-text authentication" (Overview tab). */
  allowPlainAuth: boolean;
  senderAddress: string;
  senderName: string;
};

export type MailMessage = { to: string; subject: string; text: string };

/** Thrown instead of authenticating over a connection without TLS that the admin has not allowed. */
export class PlainTextAuthError extends Error {
  readonly code = 'EPLAINAUTH';
  constructor() {
    super('Refusing to send the SMTP password over a connection without TLS');
  }
}

/** Sends one message; rejects with the SMTP server's complaint when it refuses (e.g. wrong password). */
export async function sendMail(settings: SmtpSettings, message: MailMessage): Promise<void> {
  // AUTH PLAIN and LOGIN are only base64: without TLS anyone on the path reads the password.
  if (settings.username && settings.password && settings.security === 'none' && !settings.allowPlainAuth) throw new PlainTextAuthError();
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    // "None" means plain SMTP: don't upgrade opportunistically to a certificate the admin never chose.
    ignoreTLS: settings.security === 'none',
    auth: settings.username ? { user: settings.username, pass: settings.password ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    await transport.sendMail({
      from: { name: settings.senderName, address: settings.senderAddress },
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
  } finally {
    transport.close();
  }
}
