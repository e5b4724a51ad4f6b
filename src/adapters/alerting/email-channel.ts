// E-mail over SMTP (nodemailer): one short mail per notice, and the team's daily digest.
// Docs: https://nodemailer.com/smtp/
import nodemailer from 'nodemailer';
import type { AlertChannel, AlertNotice, DigestMessage } from '../../ports/alert-channel.js';
import type { Secret } from '../../config/secret.js';

const EVENT_WORD = { 'alert.raised': 'ALERT', 'alert.reminder': 'Still on', 'alert.resolved': 'Resolved' } as const;

export function emailText(notice: AlertNotice): { subject: string; text: string } {
  const a = notice.alert;
  const lines = [
    a.summary, '',
    `rule: ${a.rule}`, `team: ${a.team}`, `severity: ${a.severity}`, `connection: ${a.connectionId}`,
    `started: ${a.startedAt}`, ...(a.resolvedAt ? [`resolved: ${a.resolvedAt}`] : []), '',
    ...Object.entries(a.details).map(([k, v]) => `${k}: ${String(v)}`), '',
    ...(notice.event === 'alert.resolved' ? [] : [`What to do: ${a.action}`]),
    `Runbook: ${a.runbook}`,
  ];
  return { subject: `[fba-bridge] ${EVENT_WORD[notice.event]}: ${a.rule} (${a.connectionId})`, text: lines.join('\n') };
}

export function emailChannel(name: string, smtpUrl: Secret, from: string, to: readonly string[]): AlertChannel {
  // One transport per channel: nodemailer pools nothing by default, each send opens its own connection.
  const transport = nodemailer.createTransport(smtpUrl.reveal());
  return {
    name,
    async send(notice: AlertNotice): Promise<void> {
      const { subject, text } = emailText(notice);
      await transport.sendMail({ from, to: [...to], subject, text });
    },
    async sendDigest(digest: DigestMessage): Promise<void> {
      await transport.sendMail({ from, to: [...to], subject: digest.subject, text: digest.text });
    },
  };
}
