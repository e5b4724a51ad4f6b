// `fba-bridge demo --json` as a user runs it: every order ends as it should, each invalid order with
// exactly one exception whose reason a person can act on, and nothing sent twice; then inventory: the
// split pool's allocations fit the pool, commercetools shows them, and after sales on Amazon's own
// marketplace the incremental sync writes only the entries that changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

test('demo: the whole round trip on embedded defaults', { timeout: 5 * 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fba-demo-'));
  try {
    const { code, stdout, stderr } = await run(['demo', '--orders', '32', '--json', '--database', join(dir, 'demo.db')]);
    assert.equal(code, 0, `demo exited ${code}: ${stderr.slice(-500)}`);
    const report = JSON.parse(stdout);
    assert.equal(report.settled, true);
    assert.equal(report.asExpected, true, JSON.stringify(report.orders.filter((o: any) => !o.asExpected)));
    const cases = new Set(report.orders.map((o: any) => o.case));
    for (const c of ['unknown-sku', 'incomplete-address', 'out-of-stock', 'mixed', 'merchant', 'cancelled-after-send', 'fba-priority']) assert.ok(cases.has(c), `the demo includes ${c}`);
    for (const o of report.orders.filter((x: any) => x.expected.kind === 'exception')) {
      assert.equal(o.exceptions.length, 1, `${o.orderNumber} has one exception`);
      assert.match(o.exceptions[0].reason, /[A-Za-z]{4,}.*[A-Za-z]{4,}/, 'the reason is words');
    }
    assert.equal(report.createRequests, report.amazonOrders, 'one create request per Amazon order');
    const shipped = report.orders.filter((o: any) => o.expected.kind === 'shipped').length;
    assert.ok(report.deliveriesWritten >= shipped, `${report.deliveriesWritten} deliveries for ${shipped} shipped orders`);
    assert.ok(report.parcelsWritten >= report.deliveriesWritten);

    const inv = report.inventory;
    assert.ok(inv, `the inventory part ran: ${report.inventoryError}`);
    assert.deepEqual(inv.problems, []);
    assert.equal(inv.asExpected, true);
    assert.equal(inv.policy, 'split');
    assert.deepEqual(inv.channels.map((c: any) => c.key), ['fba-eu', 'fba-eu-b2c-de', 'fba-eu-b2c-at']);
    assert.equal(inv.full.mode, 'full');
    assert.equal(inv.full.skus.length, 11, 'every FBA-listed SKU has a row');
    for (const [what, rows] of [['full', inv.full.skus], ['incremental', inv.incremental.skus]] as const) {
      for (const r of rows) {
        const total = r.channels.reduce((n: number, c: any) => n + c.allocated, 0);
        assert.ok(total <= r.sellable && r.sellable <= r.fulfillable, `${what}: ${r.sku} allocates ${total} of ${r.sellable} sellable, ${r.fulfillable} fulfillable`);
        assert.equal(r.sellable, Math.max(0, r.fulfillable - r.unreserved - r.holdback - r.buffer), `${what}: ${r.sku}'s sellable pool`);
        for (const c of r.channels) assert.equal(c.quantityOnStock, c.allocated, `${what}: commercetools shows ${r.sku} @ ${c.channel} as allocated`);
      }
    }
    const stocked = inv.full.skus.filter((r: any) => r.fulfillable > 0);
    assert.ok(stocked.every((r: any) => r.holdback === 10 && r.buffer >= 2 && r.channels.every((c: any) => c.allocated > 0)), 'holdback and buffer kept, every channel gets a share');
    const sold = new Set(inv.marketplaceSales.filter((s: any) => s.sold > 0).map((s: any) => s.sku));
    assert.equal(sold.size, 3, 'three SKUs sold on Amazon');
    assert.equal(inv.incremental.mode, 'incremental');
    assert.ok(inv.incremental.skusRead < inv.full.skusRead, 'the incremental sync reads only changed SKUs');
    assert.ok(inv.incremental.written > 0);
    assert.equal(inv.incremental.written, inv.entriesThatChanged, 'writes ÷ entries that changed = 1');
    for (const c of inv.incremental.changes) assert.ok(sold.has(c.sku), `${c.sku} @ ${c.channel} was written but did not change`);
    for (const sku of sold) {
      const before = inv.full.skus.find((r: any) => r.sku === sku);
      const after = inv.incremental.skus.find((r: any) => r.sku === sku);
      const sale = inv.marketplaceSales.find((s: any) => s.sku === sku);
      assert.equal(after.fulfillable, before.fulfillable - sale.sold, `${sku}: the marketplace sale drained the pool`);
    }

    // The records stay for the other commands.
    const env = { DATABASE_URL: `sqlite:${join(dir, 'demo.db')}` };
    const exceptions = await run(['exceptions', '--json'], env);
    assert.equal(exceptions.code, 0, exceptions.stderr);
    assert.equal(JSON.parse(exceptions.stdout).length, report.orders.filter((o: any) => o.expected.kind === 'exception').length);
    const order = await run(['order', report.orders.find((o: any) => o.case === 'mixed').orderNumber], env);
    assert.equal(order.code, 0, order.stderr);
    assert.match(order.stdout, /addDelivery/);
    assert.match(order.stdout, /1 line\(s\) to FBA, 1 local/);
    const status = await run(['status'], env);
    assert.match(status.stdout, /open exceptions: \d+/);
    assert.match(status.stdout, /pool eu: snapshot .*; last full scan 20\d\d-/);
    assert.match(status.stdout, /channel fba-eu-b2c-at +last successful post /);
    assert.match(status.stdout, /drifting entries: none/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
