// The alerting configuration: defaults, per-rule overrides and per-team routing from the config file,
// global channels from the environment, and one clear line per problem.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/load-config.js';
import { COMPLETE } from './complete-environment.js';

const dir = mkdtempSync(join(tmpdir(), 'fba-bridge-alerts-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function withFile(content: unknown): string {
  const path = join(dir, `config-${n++}.json`);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe('alerts configuration', () => {
  it('defaults: every rule on at its issue default, evaluation every 60 s, no channel', () => {
    const r = loadConfig(COMPLETE);
    assert.ok(r.ok);
    const a = r.value.alerts!;
    assert.deepEqual([a.evaluationMs, a.reminderMs, a.webhookUrl, a.smtpUrl], [60_000, 4 * 3600_000, undefined, undefined]);
    assert.deepEqual(a.rules['orders.backlog'], { enabled: true, afterSeconds: 900 });
    assert.deepEqual(a.rules['amazon.unreachable'], { enabled: true, afterSeconds: 120 });
    assert.deepEqual(a.rules['intake.silent'], { enabled: true, afterSeconds: 1800 });
    assert.deepEqual(a.rules['orders.stalled'], { enabled: true, afterSeconds: null }, 'STUCK_IN_PLANNING_HOURS decides');
  });

  it('takes overrides, team routes and global channels; secrets stay secret', () => {
    const file = withFile({ alerts: {
      rules: { 'orders.backlog': { afterSeconds: 600 }, 'intake.silent': { enabled: false } },
      teams: { operations: { email: ['ops@shop.test', 'lead@shop.test'], slackWebhookUrl: 'https://hooks.slack.com/services/T/B/x' }, finance: { email: 'fin@shop.test' } },
    } });
    const r = loadConfig({ ...COMPLETE, FBA_BRIDGE_CONFIG: file, ALERT_EVALUATION_SECONDS: '30', ALERT_WEBHOOK_URL: 'https://hooks.example/fba', ALERT_WEBHOOK_SECRET: 'a-long-enough-secret', SMTP_URL: 'smtp://u:p@mail.example:587', ALERT_EMAIL_FROM: 'bridge@shop.test' });
    assert.ok(r.ok, r.ok ? '' : r.error.join('\n'));
    const a = r.value.alerts!;
    assert.equal(a.evaluationMs, 30_000);
    assert.deepEqual(a.rules['orders.backlog'], { enabled: true, afterSeconds: 600 });
    assert.equal(a.rules['intake.silent'].enabled, false);
    assert.deepEqual(a.teams.operations?.email, ['ops@shop.test', 'lead@shop.test']);
    assert.deepEqual(a.teams.finance?.email, ['fin@shop.test']);
    assert.equal(JSON.stringify(a).includes('u:p@'), false, 'SMTP_URL prints as [redacted]');
    assert.equal(JSON.stringify(a).includes('a-long-enough-secret'), false);
    assert.equal(a.smtpUrl?.reveal(), 'smtp://u:p@mail.example:587');
  });

  it('names each problem: an unknown rule or team, a bad threshold, e-mail without SMTP, a short secret', () => {
    const file = withFile({ alerts: {
      rules: { 'orders.lost': { afterSeconds: 5 }, 'orders.backlog': { afterSeconds: -1 } },
      teams: { marketing: { email: 'm@shop.test' }, ecommerce: { email: 'shop@shop.test' } },
    } });
    const r = loadConfig({ ...COMPLETE, FBA_BRIDGE_CONFIG: file, ALERT_WEBHOOK_SECRET: 'short' });
    assert.ok(!r.ok);
    const text = r.error.join('\n');
    assert.match(text, /alerts\.rules\.orders\.lost: .*is not an alert rule; the rules are amazon\.auth-failed/);
    assert.match(text, /alerts\.rules\.orders\.backlog\.afterSeconds: must not be negative/);
    assert.match(text, /alerts\.teams\.marketing: .*is not a team/);
    assert.match(text, /ALERT_WEBHOOK_SECRET must be at least 16 characters/);
  });

  it('a team e-mail without SMTP_URL is refused with what to set', () => {
    const file = withFile({ alerts: { teams: { ecommerce: { email: 'shop@shop.test' } } } });
    const r = loadConfig({ ...COMPLETE, FBA_BRIDGE_CONFIG: file });
    assert.ok(!r.ok);
    assert.match(r.error.join('\n'), /SMTP_URL is missing: alerts\.teams \(ecommerce\) name e-mail addresses/);
  });
});
