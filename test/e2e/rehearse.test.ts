// `fba-bridge rehearse` as a team runs it in CI: the simulator, commercetools-mock and the bridge as
// separate processes, a short steady run with the warehouse fast-forwarded so shipments come back;
// the JSON and the HTML report hold figures measured in that run, and a missed --target exits 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/e2e-world.js';

test('rehearse: measures a short run and fails on a missed target', { timeout: 5 * 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fba-rehearse-'));
  try {
    const report = join(dir, 'rehearsal.html');
    const { code, stdout, stderr } = await runCli([
      'rehearse', '--profile', 'steady', '--minutes', '0.5', '--orders-per-second', '1', '--time-scale', '900',
      '--json', '--report', report, '--target', 'p95-stock-seconds=60', '--target', 'p95-order-seconds=0.001',
    ], { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' });
    assert.equal(code, 1, `a missed target exits 1 (got ${code}): ${stderr.slice(-1500)}`);
    assert.match(stderr, /target missed: p95-order-seconds at most 0\.001, measured \d/);
    const r = JSON.parse(stdout);
    assert.ok(r.orders.placed >= 15, `orders placed: ${r.orders.placed}`);
    const all = r.orderToAmazon.find((s: { speed: string }) => s.speed === 'all');
    assert.ok(all.actual.count >= 10, `orders measured at Amazon: ${all.actual.count}`);
    assert.ok(all.actual.p95 > 0 && all.actual.p95 < 120, `order p95 ${all.actual.p95}`);
    assert.ok(all.ratioToBound > 0);
    assert.ok(r.stockToCommercetoolsSeconds.notified.count > 0, 'stock changes measured with notifications');
    assert.ok(r.stockToCommercetoolsSeconds.notified.p95 > 0);
    assert.ok(r.trackingSeconds.count > 0, 'shipments came back within the run');
    assert.ok(r.spApi.calls > 0, 'SP-API calls read from the bridge');
    assert.ok(r.cpu && r.cpu.msPerOrder > 0, 'the bridge process CPU was read');
    assert.ok(r.backlog.length >= 10, 'backlog sampled over time');
    assert.equal(typeof r.oversold.units, 'number');
    assert.equal(r.settings.bridge, 'started by the rehearsal', 'the output keeps its own words (no secret value redacts them)');
    const [stock, order] = r.targets;
    assert.deepEqual([stock.name, stock.met, order.name, order.met], ['p95-stock-seconds', stock.measured <= 60, 'p95-order-seconds', false]);
    assert.equal(order.measured, all.actual.p95);

    const html = readFileSync(report, 'utf8');
    assert.doesNotMatch(html, /<script src=|<link [^>]*href=/, 'no CDN: everything inlined');
    assert.match(html, /uPlot/);
    assert.ok(html.includes(`<td>all</td><td>${all.actual.count}</td>`), 'the report shows the measured order count');
    assert.ok(html.includes(all.actual.p95.toFixed(1)), 'the report shows the measured p95');
    assert.match(html, /class="missed"><td>p95-order-seconds/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
