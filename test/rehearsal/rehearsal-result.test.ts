import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildResult, type Observations } from '../../src/demo/rehearsal/rehearsal-result.js';
import { checkTargets, parseTarget } from '../../src/demo/rehearsal/rehearsal-targets.js';
import { cpuMsOf, metricsReadingOf } from '../../src/demo/rehearsal/bridge-metrics-reading.js';
import { BridgeMetrics } from '../../src/adapters/metrics/bridge-metrics.js';
import { inventoryNotificationSku } from '../../src/demo/rehearsal/notification-relay.js';
import { unfulfilledAtAmazon } from '../../src/demo/rehearsal/amazon-outcomes.js';
import { rehearsalHtml } from '../../src/demo/rehearsal/rehearsal-html.js';

const T0 = Date.parse('2026-11-27T09:00:00Z');

function observations(change: Partial<Observations> = {}): Observations {
  return {
    profile: 'peak', policy: 'split', minutes: 1, startedMs: T0, endedMs: T0 + 100_000, settings: { rateScale: 1 },
    createPlan: { rate: 2, burst: 30 },
    placed: [
      { id: 'a', createdMs: T0, speed: 'Priority', kind: 'fba', fbaUnits: 2 },
      { id: 'b', createdMs: T0 + 1000, speed: 'Standard', kind: 'mixed', fbaUnits: 1 },
      { id: 'c', createdMs: T0 + 2000, speed: 'Standard', kind: 'fba', fbaUnits: 1 },
      { id: 'd', createdMs: T0 + 3000, speed: 'Standard', kind: 'merchant', fbaUnits: 0 },
      { id: 'e', createdMs: T0 + 4000, speed: 'Standard', kind: 'fba', fbaUnits: 2 },
    ],
    declinedSoldOut: 3,
    acceptedMs: new Map([['a', T0 + 2000], ['b', T0 + 5000]]),
    unfulfilledOrderIds: new Set(['e']),
    shipments: [{ amazonShipmentId: 's1', shippedMs: T0 + 10_000, writtenMs: T0 + 40_000 }, { amazonShipmentId: 's2', shippedMs: T0 + 90_000, writtenMs: null }],
    probes: [
      { sku: 'X', channel: 'notified', changedMs: T0, writtenMs: T0 + 3000 },
      { sku: 'Y', channel: 'polling', changedMs: T0, writtenMs: T0 + 61_000 },
    ],
    backlog: [{ t: 0, placedFba: 0, atAmazon: 0 }, { t: 2, placedFba: 3, atAmazon: 1 }],
    exceptionsByType: { 'order.unfulfillable': 1 }, openExceptionsByType: { 'order.unfulfillable': 1 }, alerts: 1, spApiCalls: 40, spApi429s: 0,
    bridgeCpuMs: 50, faults: [], marketplaceUnitsSold: 4, inboundUnits: 60, loadAverage: [1, 1, 1],
    ...change,
  };
}

describe('rehearsal result', () => {
  it('counts an order never accepted with its wait until the end, and oversold units per policy', () => {
    const r = buildResult(observations(), []);
    // c was never accepted and not refused: it waited the whole 98 s until the end.
    assert.equal(r.orders.notAccepted, 1);
    const all = r.orderToAmazon.find((s) => s.speed === 'all')!;
    assert.equal(all.actual.count, 3);
    assert.equal(all.actual.p95, 98);
    assert.deepEqual(r.oversold, { policy: 'split', units: 2, orders: 1 });
    assert.equal(r.cpu!.msPerOrder, 10);
    assert.equal(r.measured['priority-standard-ratio'], 2 / 98);
  });

  it('counts unfinished tracking and stock changes with their wait so far', () => {
    const r = buildResult(observations(), []);
    assert.equal(r.trackingSeconds.count, 2);
    assert.equal(r.trackingSeconds.unfinished, 1);
    assert.equal(r.trackingSeconds.p95, 30);
    assert.equal(r.stockToCommercetoolsSeconds.notified.p95, 3);
    assert.equal(r.stockToCommercetoolsSeconds.pollingOnly.p95, 61);
  });

  it('a missed target and an unmeasured one both fail; a met one passes', () => {
    const r = buildResult(observations({ bridgeCpuMs: null }), [parseTarget('p95-stock-seconds=60'), parseTarget('oversold-units=0'), parseTarget('cpu-ms-per-order=5')]);
    assert.deepEqual(r.targets.map((t) => [t.name, t.met]), [['p95-stock-seconds', true], ['oversold-units', false], ['cpu-ms-per-order', false]]);
    assert.equal(r.targets[2]!.measured, null);
  });

  it('targets are parsed strictly', () => {
    assert.deepEqual(parseTarget('p95-order-seconds=60'), { name: 'p95-order-seconds', atMost: 60 });
    assert.throws(() => parseTarget('p95-order-seconds'), /name=value/);
    assert.throws(() => parseTarget('p95-orders=1'), /unknown target "p95-orders"/);
    assert.throws(() => parseTarget('oversold-units=lots'), /expected a number/);
    assert.deepEqual(checkTargets([{ name: 'sp-api-429s', atMost: 0 }], { 'sp-api-429s': 0 } as never).map((c) => c.met), [true]);
  });

  it('the HTML report is self-contained and holds the measured figures', () => {
    const html = rehearsalHtml(buildResult(observations(), [parseTarget('oversold-units=0')]));
    assert.doesNotMatch(html, /<script src=|<link [^>]*href="http/);
    assert.match(html, /uPlot/);
    assert.match(html, /scales: \{ x: \{ time: false \} \}/, 'the x axis counts seconds since the first order, not a time of day');
    assert.match(html, /<td>all<\/td><td>3<\/td><td>[0-9.]+<\/td><td>98\.0<\/td>/);
    assert.match(html, /class="missed"><td>oversold-units/);
    assert.match(html, /2 in 1 orders/);
  });
});

describe('rehearsal readings', () => {
  it('reads SP-API calls, 429s, exceptions by type and raised alerts from /metrics', () => {
    const text = [
      '# HELP fba_bridge_sp_api_calls_total SP-API calls',
      'fba_bridge_sp_api_calls_total{operation="createFulfillmentOrder",outcome="ok"} 12',
      'fba_bridge_sp_api_calls_total{operation="getFulfillmentOrder",outcome="http-500"} 3',
      'fba_bridge_throttled_total{seller="s",operation="createFulfillmentOrder"} 2',
      'fba_bridge_exceptions_raised_total{type="order.unfulfillable",owner="operations"} 4',
      'fba_bridge_alerts_total{rule="r",team="ops",event="raised"} 1',
      'fba_bridge_alerts_total{rule="r",team="ops",event="resolved"} 1',
      'fba_bridge_open_exceptions{connection="default",type="order.unfulfillable",owner="operations"} 2',
      'fba_bridge_open_exceptions{connection="default",type="inventory.sync-failed",owner="operations"} 0',
    ].join('\n');
    assert.deepEqual(metricsReadingOf(text), { spApiCalls: 15, throttled: 2, exceptionsByType: { 'order.unfulfillable': 4 }, openExceptionsByType: { 'order.unfulfillable': 2 }, alerts: 1 });
  });

  it("reads the bridge's CPU from the process metrics the running bridge serves", async () => {
    assert.equal(cpuMsOf('# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total 12.5\n'), 12_500);
    assert.equal(cpuMsOf('fba_bridge_throttled_total 3\n'), null, 'no process metrics, no figure');
    // What BridgeMetrics serves as the runtime creates it; without process metrics (tests) there is no CPU line.
    const served = await new BridgeMetrics({ processMetrics: true }).registry.metrics();
    assert.ok((cpuMsOf(served) ?? -1) > 0, 'process_cpu_seconds_total served');
    assert.equal(cpuMsOf(await new BridgeMetrics().registry.metrics()), null);
  });

  it('finds the SKU of an inventory notification, plain or in an EventBridge event', () => {
    const n = { NotificationType: 'FBA_INVENTORY_AVAILABILITY_CHANGES', Payload: { SKU: 'ABC-1' } };
    assert.equal(inventoryNotificationSku(JSON.stringify(n)), 'ABC-1');
    assert.equal(inventoryNotificationSku(JSON.stringify({ detail: n })), 'ABC-1');
    assert.equal(inventoryNotificationSku(JSON.stringify({ NotificationType: 'FULFILLMENT_ORDER_STATUS', Payload: {} })), null);
    assert.equal(inventoryNotificationSku('not json'), null);
  });

  it('orders Amazon did not fulfil in full are the storefront orders with such a status', () => {
    const ids = new Map([['R-1', 'a'], ['R-2', 'b'], ['R-3', 'c']]);
    const view = (displayableOrderId: string, status: string) => ({ displayableOrderId, status, receivedAtMs: 0, amazon: {} });
    assert.deepEqual([...unfulfilledAtAmazon([view('R-1', 'Complete'), view('R-2', 'Unfulfillable'), view('R-3', 'CompletePartialled'), view('X', 'Invalid')], ids)], ['b', 'c']);
  });
});
