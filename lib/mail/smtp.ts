import 'server-only';

import nodemailer from 'nodemailer';

/** A realm's Email Settings (SMTP) with the password decrypted: never logged, never sent to the browser. */
export type SmtpSettings = {
  host: string;
  port: number;
  security: 'none' | 'starttls' | 'tls';
  username: string;
  password: string | null;
  senderAddress: string;
  senderName: string;
};

export type MailMessage = { to: string; subject: string; text: string };

/** Sends one message; rejects with the SMTP server's complaint when it refuses (e.g. wrong password). */
export async function sendMail(settings: SmtpSettings, message: MailMessage): Promise<void> {
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
