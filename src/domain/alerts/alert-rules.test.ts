// The alert rules and the health verdicts over hand-made facts: each rule fires at its threshold (not
// before), names its team, and the verdict per flow never says ok while a rule about the flow fires.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConnectionFacts } from './alert-facts.js';
import { alertRuleSettings } from './alert-rule-catalogue.js';
import { evaluateRules } from './evaluate-rules.js';
import { planAlerts } from './alert-lifecycle.js';
import { flowVerdicts, overallStatus } from '../health/flow-health.js';

const NOW = 1_800_000_000_000;
const S = 1000;

function facts(over: Partial<ConnectionFacts> = {}): ConnectionFacts {
  return {
    connectionId: 'c1', now: NOW, dependencies: [],
    orders: { oldestUnsentAt: null, unsentCount: 0, heldAtAmazon: [], oldestTrackingDueAt: null, trackingDueCount: 0 },
    exceptions: [], inventory: null,
    settlements: { lastImportedAt: NOW - 86_400 * S, watchingSince: NOW - 30 * 86_400 * S, unreconciledRefunds: 0 },
    intake: { lastEventAt: NOW - 10 * S, lastPolledNewOrderAt: null },
    ...over,
  };
}
const ctx = { settings: alertRuleSettings(), stuckInPlanningSeconds: 24 * 3600 };
const rules = (f: ConnectionFacts, c = ctx) => evaluateRules(f, c).map((x) => `${x.rule}:${x.team}`);

describe('alert rules', () => {
  it('healthy facts find nothing, and every flow is ok', () => {
    assert.deepEqual(rules(facts()), []);
    const v = flowVerdicts(facts(), []);
    assert.equal(overallStatus([v]), 'ok');
    assert.deepEqual(Object.keys(v), ['ordersOut', 'trackingBack', 'settlements', 'intake'], 'inventory is left out when not configured');
  });

  it('amazon.auth-failed at once; amazon.unreachable only after 120 s, and not on top of an auth failure', () => {
    const refused = facts({ dependencies: [{ dependency: 'amazon-lwa', state: 'open', since: NOW, category: 'auth-refused', detail: 'invalid_grant' }] });
    assert.deepEqual(rules(refused), ['amazon.auth-failed:operations']);
    const down = (seconds: number) => facts({ dependencies: [{ dependency: 'amazon-sp-api', state: 'open', since: NOW - seconds * S, category: 'unreachable', detail: 'ECONNREFUSED' }] });
    assert.deepEqual(rules(down(119)), []);
    assert.deepEqual(rules(down(120)), ['amazon.unreachable:operations']);
    const both = facts({ dependencies: [...refused.dependencies, ...down(300).dependencies] });
    assert.deepEqual(rules(both), ['amazon.auth-failed:operations']);
  });

  it('commercetools failures go to ecommerce', () => {
    const f = facts({ dependencies: [{ dependency: 'commercetools', state: 'open', since: NOW - 200 * S, category: 'server-error', detail: '503' }] });
    assert.deepEqual(rules(f), ['commercetools.unreachable:ecommerce']);
  });

  it('orders.backlog after 900 s; the verdict is behind from the grace period on', () => {
    const waiting = (seconds: number) => facts({ orders: { ...facts().orders, oldestUnsentAt: NOW - seconds * S, unsentCount: 3 } });
    assert.deepEqual(rules(waiting(899)), []);
    assert.equal(flowVerdicts(waiting(899), []).ordersOut?.status, 'behind', 'behind before the alert threshold');
    const f = waiting(900);
    const found = evaluateRules(f, ctx);
    assert.deepEqual(found.map((x) => x.rule), ['orders.backlog']);
    assert.equal(flowVerdicts(f, found).ordersOut?.status, 'behind');
    assert.equal(flowVerdicts(waiting(30), []).ordersOut?.status, 'ok');
  });

  it('a configured afterSeconds replaces the default; a disabled rule finds nothing', () => {
    const f = facts({ orders: { ...facts().orders, oldestUnsentAt: NOW - 60 * S, unsentCount: 1 } });
    assert.deepEqual(rules(f, { ...ctx, settings: alertRuleSettings({ 'orders.backlog': { afterSeconds: 60 } }) }), ['orders.backlog:operations']);
    assert.deepEqual(rules(f, { ...ctx, settings: alertRuleSettings({ 'orders.backlog': { afterSeconds: 60, enabled: false } }) }), []);
  });

  it('orders.stalled: held at Amazon past STUCK_IN_PLANNING_HOURS, or tracking not written back', () => {
    const held = facts({ orders: { ...facts().orders, heldAtAmazon: [{ orderNumber: 'N1', since: NOW - 25 * 3600 * S }, { orderNumber: 'N2', since: NOW - 3600 * S }] } });
    const found = evaluateRules(held, ctx);
    assert.deepEqual(found.map((x) => x.rule), ['orders.stalled']);
    assert.match(found[0]!.summary, /1 order\(s\) held at Amazon .* \(N1\)/);
    assert.equal(flowVerdicts(held, found).trackingBack?.status, 'behind');
  });

  it('exceptions.new: one alert per type, to the type\'s owner, dead letters included', () => {
    const f = facts({ exceptions: [
      { type: 'order.unknown-sku', owner: 'ecommerce', open: 12, fresh: 12 },
      { type: 'work.dead-letter', owner: 'operations', open: 1, fresh: 0 },
      { type: 'settlement.total-mismatch', owner: 'finance', open: 0, fresh: 0 },
      { type: 'amazon.credentials-refused', owner: 'operations', open: 1, fresh: 1 },
      { type: 'inventory.sync-failed', owner: 'operations', open: 1, fresh: 1 },
    ] });
    const found = evaluateRules(f, ctx);
    assert.deepEqual(found.map((x) => `${x.key}:${x.team}`), ['exceptions.new:c1:order.unknown-sku:ecommerce', 'exceptions.new:c1:work.dead-letter:operations']);
    assert.match(found[0]!.summary, /^12 new order\.unknown-sku exception/);
  });

  it('inventory.stale: a snapshot older than twice the schedule, failing posts with the last success too old, or drift beyond the threshold', () => {
    const inventory = (snapshot: number, post: number | null, drift: number, failing = true) => facts({ inventory: {
      scheduleSeconds: 300, driftThresholdSeconds: 1800, pools: [{ poolId: 'eu', snapshotAgeSeconds: snapshot, driftBeyondThreshold: drift, channels: [{ channel: 'web', lastPostAgeSeconds: post, failing }] }],
    } });
    assert.deepEqual(rules(inventory(600, 1800, 0)), []);
    assert.deepEqual(rules(inventory(601, 10, 0)), ['inventory.stale:ecommerce']);
    assert.deepEqual(rules(inventory(10, 1801, 0)), ['inventory.stale:ecommerce']);
    assert.deepEqual(rules(inventory(10, 10, 2)), ['inventory.stale:ecommerce']);
    assert.deepEqual(rules(inventory(10, 86_400, 0, false)), [], 'a quiet channel (nothing to post for a day, no failure) is not stale');
    assert.deepEqual(rules(inventory(10, null, 0, true)), ['inventory.stale:ecommerce'], 'posts failing and never succeeded');
    assert.equal(flowVerdicts(inventory(601, 10, 0), evaluateRules(inventory(601, 10, 0), ctx)).inventory?.status, 'behind');
  });

  it('settlements.overdue after 16 days without an import, or with unreconciled refunds', () => {
    const s = (days: number, refunds = 0) => facts({ settlements: { lastImportedAt: NOW - days * 86_400 * S, watchingSince: NOW - 90 * 86_400 * S, unreconciledRefunds: refunds } });
    assert.deepEqual(rules(s(15)), []);
    assert.deepEqual(rules(s(16)), ['settlements.overdue:finance']);
    assert.deepEqual(rules(s(1, 2)), ['settlements.overdue:finance']);
    const never = facts({ settlements: { lastImportedAt: null, watchingSince: NOW - 3 * 86_400 * S, unreconciledRefunds: 0 } });
    assert.deepEqual(rules(never), [], 'counted from when the bridge started watching');
  });

  it('intake.silent: no event for 1,800 s while polling finds new orders; never without any event', () => {
    const i = (eventAgo: number | null, polledAgo: number | null) => facts({ intake: { lastEventAt: eventAgo === null ? null : NOW - eventAgo * S, lastPolledNewOrderAt: polledAgo === null ? null : NOW - polledAgo * S } });
    assert.deepEqual(rules(i(1800, 5)), ['intake.silent:ecommerce']);
    assert.deepEqual(rules(i(1799, 5)), []);
    assert.deepEqual(rules(i(4000, null)), [], 'no orders found by polling: a quiet shop');
    assert.deepEqual(rules(i(4000, 4001)), [], 'polling found them before the last event');
    assert.deepEqual(rules(i(null, 5)), [], 'no subscription was ever set up');
  });
});

describe('alert lifecycle', () => {
  const f = evaluateRules(facts({ dependencies: [{ dependency: 'commercetools', state: 'open', since: NOW, category: 'auth-refused', detail: '401' }] }), ctx);
  const active = (lastNotifiedAt: number, connectionId = 'c1') => [{ id: 7, key: f[0]!.key, connectionId, lastNotifiedAt }];

  it('raises a new problem once, reminds after the interval, resolves when it clears', () => {
    assert.deepEqual(planAlerts(f, [], new Set(['c1']), NOW, 3600 * S).raise.map((x) => x.rule), ['commercetools.auth-failed']);
    const still = planAlerts(f, active(NOW - 100 * S), new Set(['c1']), NOW, 3600 * S);
    assert.deepEqual([still.raise.length, still.remind.length, still.resolve.length], [0, 0, 0], 'no flood while it lasts');
    const reminder = planAlerts(f, active(NOW - 3600 * S), new Set(['c1']), NOW, 3600 * S);
    assert.deepEqual(reminder.remind.map((r) => r.alert.id), [7]);
    assert.deepEqual(planAlerts([], active(NOW), new Set(['c1']), NOW, 3600 * S).resolve.map((a) => a.id), [7]);
  });

  it('resolves nothing for a connection whose facts could not be read', () => {
    assert.deepEqual(planAlerts([], active(NOW), new Set(), NOW, 3600 * S).resolve, []);
  });
});
