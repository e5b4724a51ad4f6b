// The Overview's verdicts are the evaluation GET /health and the alerts use (issue 10): a backlog that
// makes /health say `behind` says `behind` on the Overview, with the same reason and the config file's
// thresholds — not a look-alike with rules of its own.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startConsoleWorld, ConsoleClient, emailOf, type ConsoleWorld } from '../support/console-world.js';
import { alertRuleSettings } from '../../src/domain/alerts/alert-rule-catalogue.js';
import { ALERT_TIMING_DEFAULTS } from '../../src/config/alerts-schema.js';

interface OverviewFlowJson { flow: string; status: string; reason: string; lagSeconds: number | null; backlog: number | null }

async function overviewOf(w: ConsoleWorld): Promise<{ status: string; flows: OverviewFlowJson[] }> {
  const c = new ConsoleClient(w.base);
  assert.equal((await c.signIn(emailOf('viewer'))).status, 303);
  const body = await (await c.request('/api/overview')).json() as { connections: Array<{ status: string; flows: OverviewFlowJson[] }> };
  return body.connections[0]!;
}

async function healthOf(w: ConsoleWorld): Promise<{ status: string; flows: Record<string, { status: string; reason: string; lagSeconds: number | null }> }> {
  return await (await fetch(`${w.base}/health`)).json() as { status: string; flows: Record<string, { status: string; reason: string; lagSeconds: number | null }> };
}

describe('console Overview and GET /health', () => {
  let w: ConsoleWorld;
  before(async () => {
    w = await startConsoleWorld();
    // Two orders due at Amazon for 20 minutes: beyond orders.backlog's default 900 s.
    const due = Date.now() - 20 * 60_000;
    for (const id of ['ct-1', 'ct-2']) await w.store.work.enqueue({ connectionId: 'shop', kind: 'order.export', subjectId: id, priority: 1, runAt: due }, due);
  });
  after(() => w.close());

  it('give the same verdict, reason and lag for every flow', async () => {
    const [overview, health] = [await overviewOf(w), await healthOf(w)];
    assert.equal(overview.status, health.status);
    assert.equal(health.flows.ordersOut?.status, 'behind');
    assert.match(health.flows.ordersOut?.reason ?? '', /2 FBA-bound order\(s\) not yet at Amazon.*threshold 900 s/);
    for (const f of overview.flows) {
      assert.equal(f.status, health.flows[f.flow]?.status, `${f.flow}: Overview ${f.status}, /health ${health.flows[f.flow]?.status}`);
      assert.equal(f.reason, health.flows[f.flow]?.reason);
    }
    assert.deepEqual(overview.flows.map((f) => f.flow).sort(), Object.keys(health.flows).sort());
    const orders = overview.flows.find((f) => f.flow === 'ordersOut')!;
    assert.equal(orders.backlog, 2, 'two orders waiting to go to Amazon');
    assert.ok((orders.lagSeconds ?? 0) >= 1190, `lag ${orders.lagSeconds}`);
  });
});

describe('console Overview with the config file\'s thresholds', () => {
  let w: ConsoleWorld;
  before(async () => {
    // orders.backlog after 2 h instead of 900 s: a 20-minute-old order is within it (but past the 120 s
    // grace, so the flow is behind by its lag, not by the rule).
    const rules = alertRuleSettings({ 'orders.backlog': { afterSeconds: 7200 } });
    w = await startConsoleWorld({ config: { alerts: { evaluationMs: ALERT_TIMING_DEFAULTS.ALERT_EVALUATION_SECONDS * 1000, reminderMs: 3600_000, rules, teams: {}, runbookBaseUrl: 'docs/runbooks/alerts.md', digestHourUtc: 7 } } });
    const due = Date.now() - 20 * 60_000;
    await w.store.work.enqueue({ connectionId: 'shop', kind: 'order.export', subjectId: 'ct-1', priority: 1, runAt: due }, due);
  });
  after(() => w.close());

  it('names the same reason as /health: not the backlog alert, which the config puts at 2 h', async () => {
    const [overview, health] = [await overviewOf(w), await healthOf(w)];
    const orders = overview.flows.find((f) => f.flow === 'ordersOut')!;
    assert.equal(orders.reason, health.flows.ordersOut?.reason);
    assert.equal(orders.status, 'behind');
    assert.doesNotMatch(orders.reason, /threshold 900 s/, 'the default threshold would have fired the rule');
    assert.match(orders.reason, /the oldest pending work has waited \d+ s/);
  });
});
