// `fba-bridge demo --json` as a user runs it: every order ends as it should, each invalid order with
// exactly one exception whose reason a person can act on, and nothing sent twice.
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
