import type { AddressInfo } from 'node:net';

import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { from: string; to: string[]; raw: string; user: string | undefined };

/**
 * A throwaway SMTP server on 127.0.0.1, without TLS, that accepts one username/password and keeps what it
 * receives, and every AUTH attempt (the username tried, never the password).
 */
export async function startSmtpSink(credentials = { username: 'mailer', password: 'smtp-pass' }) {
  const received: ReceivedMail[] = [];
  const authAttempts: string[] = [];
  const server = new SMTPServer({
    authOptional: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      authAttempts.push(auth.username ?? '');
      if (auth.username === credentials.username && auth.password === credentials.password) return callback(null, { user: auth.username });
      // A careless server that repeats the password it refused: the console must still never show it.
      return callback(new Error(`Invalid username or password (received "${auth.password ?? ''}")`));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: typeof session.user === 'string' ? session.user : undefined,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, authAttempts, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
