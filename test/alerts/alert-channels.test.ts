// The channels and the dispatcher over real HTTP on loopback: the webhook body is the notice, signed
// with the HMAC of the exact body; Slack gets a Block Kit message; a failing receiver is retried with
// backoff and finally given up and logged, without the caller ever waiting.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { signatureOf, webhookChannel } from '../../src/adapters/alerting/webhook-channel.js';
import { slackChannel } from '../../src/adapters/alerting/slack-channel.js';
import { AlertDispatcher } from '../../src/flows/alerts/alert-dispatcher.js';
import { alertNotice } from '../../src/flows/alerts/alert-notice.js';
import { Secret } from '../../src/config/secret.js';
import type { AlertRecord } from '../../src/ports/alert-store.js';
import { RecordingLogger } from '../engine/recording-logger.js';
import { closeServer, listen } from '../support/alerts/alert-receivers.js';

const RECORD: AlertRecord = {
  id: 41, key: 'amazon.auth-failed:shop', rule: 'amazon.auth-failed', connectionId: 'shop', team: 'operations', severity: 'critical',
  summary: 'Login with Amazon refuses the credentials of connection shop', details: { dependency: 'amazon-lwa', category: 'auth-refused' },
  status: 'active', startedAt: Date.UTC(2026, 11, 4, 8), lastNotifiedAt: Date.UTC(2026, 11, 4, 8), reminders: 0, resolvedAt: null,
};
const NOTICE = alertNotice('alert.raised', RECORD, 'https://docs.example/runbooks/alerts.md');

let base = '';
let answers: number[] = [];
const received: Array<{ path: string; body: string; signature: string | undefined }> = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => { body += c.toString(); });
  req.on('end', () => {
    received.push({ path: req.url ?? '', body, signature: req.headers['x-fba-bridge-signature'] as string | undefined });
    res.writeHead(answers.shift() ?? 204).end();
  });
});
before(async () => { base = `http://127.0.0.1:${await listen(server)}`; });
after(() => closeServer(server));

describe('alert channels', () => {
  it('the webhook posts the notice, signed sha256=<hex HMAC of the body>', async () => {
    received.length = 0;
    await webhookChannel('webhook', `${base}/hook`, new Secret('s3cret-s3cret-s3cret')).send(NOTICE, AbortSignal.timeout(5000));
    const [r] = received;
    assert.equal(r?.signature, signatureOf(r!.body, 's3cret-s3cret-s3cret'));
    assert.match(r!.signature!, /^sha256=[0-9a-f]{64}$/);
    const body = JSON.parse(r!.body);
    assert.deepEqual(Object.keys(body.alert).sort(), ['action', 'connectionId', 'details', 'id', 'resolvedAt', 'rule', 'runbook', 'severity', 'startedAt', 'summary', 'team']);
    assert.deepEqual([body.event, body.alert.id, body.alert.runbook, body.alert.startedAt], ['alert.raised', '41', 'https://docs.example/runbooks/alerts.md#amazonauth-failed', '2026-12-04T08:00:00.000Z']);
  });

  it('Slack gets a Block Kit message with the summary, numbers, action and runbook', async () => {
    received.length = 0;
    await slackChannel('slack', new Secret(`${base}/slack`)).send(NOTICE, AbortSignal.timeout(5000));
    const body = JSON.parse(received[0]!.body);
    assert.match(body.text, /^ALERT amazon\.auth-failed \(operations, critical\)/);
    assert.deepEqual(body.blocks.map((b: { type: string }) => b.type), ['header', 'section', 'section', 'section', 'context']);
    assert.match(JSON.stringify(body.blocks), /What to do:\*.*Re-authorise/);
  });

  it('the dispatcher retries a failing receiver with backoff, then succeeds; the caller never waits', async () => {
    received.length = 0;
    answers = [500, 503];
    const logger = new RecordingLogger();
    const outcomes: string[] = [];
    const d = new AlertDispatcher({ global: [webhookChannel('webhook', `${base}/retry`)], teams: {} }, logger,
      { attempts: 4, backoff: { baseMs: 20, maxMs: 40, minMs: 10 }, timeoutMs: 5000, onDelivered: (c, o) => outcomes.push(`${c}:${o}`) });
    d.dispatch(NOTICE);
    assert.equal(received.length, 0, 'dispatch returned before anything was sent');
    await d.idle();
    assert.equal(received.length, 3);
    assert.deepEqual(outcomes, ['webhook:sent']);
    assert.equal(logger.entries.filter((e) => e.level === 'warn').length, 2);
  });

  it('gives up after the last attempt and logs it; routes to the team\'s channels and the global ones only', async () => {
    received.length = 0;
    answers = [500, 500, 500, 204];
    const logger = new RecordingLogger();
    const d = new AlertDispatcher({
      global: [webhookChannel('global', `${base}/global`)],
      teams: { ecommerce: [webhookChannel('webhook:ecommerce', `${base}/ecommerce`)] },
    }, logger, { attempts: 3, backoff: { baseMs: 10, maxMs: 20 }, timeoutMs: 5000 });
    d.dispatch(NOTICE);
    await d.idle();
    assert.deepEqual(received.map((r) => r.path), ['/global', '/global', '/global'], 'operations has no own channel; ecommerce\'s is not used');
    assert.equal(logger.entries.filter((e) => e.level === 'error' && /giving up/.test(e.msg)).length, 1);
  });
});
