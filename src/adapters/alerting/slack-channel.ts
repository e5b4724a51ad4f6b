// Slack incoming webhook, one Block Kit message per notice: a header with the state and the rule, the
// summary, the numbers as fields, what to do and the runbook link. `text` is the notification fallback.
// Docs: https://api.slack.com/messaging/webhooks, https://api.slack.com/block-kit
import type { AlertChannel, AlertNotice } from '../../ports/alert-channel.js';
import type { Secret } from '../../config/secret.js';
import { postOrThrow } from './http-post.js';

const EVENT_WORD = { 'alert.raised': 'ALERT', 'alert.reminder': 'STILL ON', 'alert.resolved': 'RESOLVED' } as const;

export function slackMessage(notice: AlertNotice): Record<string, unknown> {
  const a = notice.alert;
  const title = `${EVENT_WORD[notice.event]} ${a.rule} (${a.team}, ${a.severity})`;
  const fields = Object.entries(a.details).slice(0, 10).map(([k, v]) => ({ type: 'mrkdwn', text: `*${k}*\n${String(v)}` }));
  return {
    text: `${title}: ${a.summary}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: title.slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: `${a.summary}\nconnection \`${a.connectionId}\` since ${a.startedAt}${a.resolvedAt ? `, resolved ${a.resolvedAt}` : ''}` } },
      ...(fields.length > 0 ? [{ type: 'section', fields }] : []),
      ...(notice.event === 'alert.resolved' ? [] : [{ type: 'section', text: { type: 'mrkdwn', text: `*What to do:* ${a.action}` } }]),
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Runbook: <${a.runbook}|${a.rule}>` }] },
    ],
  };
}

export function slackChannel(name: string, url: Secret): AlertChannel {
  return {
    name,
    send: (notice, signal) => postOrThrow(url.reveal(), JSON.stringify(slackMessage(notice)), {}, signal, 'Slack webhook'),
  };
}
