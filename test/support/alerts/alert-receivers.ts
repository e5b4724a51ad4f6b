// What receives the bridge's alerts in a rehearsal, on loopback: a webhook receiver that checks each
// body's HMAC signature (paths /global and /<team>), and an SMTP server (smtp-server) that keeps the
// recipients and subject of every mail.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { signatureOf, SIGNATURE_HEADER } from '../../../src/adapters/alerting/webhook-channel.js';
import type { AlertNotice } from '../../../src/ports/alert-channel.js';

export interface ReceivedNotice {
  readonly path: string;
  readonly at: number;
  readonly notice: AlertNotice;
  readonly signatureValid: boolean;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedNotice[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const received: ReceivedNotice[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signature = req.headers[SIGNATURE_HEADER];
      received.push({ path: req.url ?? '/', at: Date.now(), notice: JSON.parse(body) as AlertNotice, signatureValid: signature === signatureOf(body, secret) });
      res.writeHead(204).end();
    });
  });
  return { url: `http://127.0.0.1:${await listen(server)}`, received, close: () => closeServer(server) };
}

export interface ReceivedMail {
  readonly to: readonly string[];
  readonly subject: string;
  readonly at: number;
}

export interface MailReceiver {
  readonly url: string;
  readonly mails: ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpReceiver(): Promise<MailReceiver> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onData(stream, session, callback) {
      let text = '';
      stream.on('data', (c: Buffer) => { text += c.toString('utf8'); });
      stream.on('end', () => {
        const subject = /^Subject: (.*)$/m.exec(text)?.[1]?.trim() ?? '';
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject, at: Date.now() });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
