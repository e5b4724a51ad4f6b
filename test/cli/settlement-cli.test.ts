// `fba-bridge settlement import|orders` as a user runs them: a spawned CLI on a temp SQLite database,
// the committed fixtures (and the real DE report from ../shared when present).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/adapters/store/open-store.js';
import { UNMATCHED_LISTED } from '../../src/flows/settlements/settlement-import.js';
import { v2SettlementText } from '../support/settlement-text.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'src/cli/main.ts');
const FIXTURES = join(ROOT, 'test/fixtures/settlements');
const US = join(FIXTURES, 'v2-us-point-utf8bom-lf.txt');
const SHARED_DE = join(ROOT, '../shared/fixtures/settlement/thetis_DE_V2_23167452842.txt');

interface Run { code: number | null; stdout: string; stderr: string }

function cli(databaseUrl: string, ...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl };
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('fba-bridge settlement (CLI)', () => {
  let folder = '';
  let db = '';
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'fba-bridge-settlement-cli-'));
    db = `sqlite:${join(folder, 'bridge.db')}`;
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('imports with MCF rows matched to seeded order links, prints summary and journal, exports, and a re-import is a no-op', async () => {
    const store = await openStore(db);
    for (const [sfo, number] of [['DEMO-1001-i2bybmv3us', 'SO-1001'], ['DEMO-1006-7sn3rvlama', 'SO-1006']] as const) {
      await store.orderLinks.upsert({
        connectionId: 'default', ctOrderId: `ct-${number}`, orderNumber: number, sellerFulfillmentOrderId: sfo, state: 'closed',
        fbaStatus: 'COMPLETE', shippingSpeed: 'Standard', fbaLines: 2, localLines: 0, submittedAt: 1, fbaStatusAt: 1,
      }, 1);
    }
    // What the storefront charged, as the order export records it: SO-1006 was sold in another currency.
    await store.orderLinks.recordRevenue({
      connectionId: 'default', ctOrderId: 'ct-SO-1001', orderNumber: 'SO-1001', sellerFulfillmentOrderId: 'DEMO-1001-i2bybmv3us', currency: 'USD',
      fractionDigits: 2, totalGross: 59_97, fbaLinesValue: 54_97, recordedAt: 1,
    });
    await store.orderLinks.recordRevenue({
      connectionId: 'default', ctOrderId: 'ct-SO-1006', orderNumber: 'SO-1006', sellerFulfillmentOrderId: 'DEMO-1006-7sn3rvlama', currency: 'EUR',
      fractionDigits: 2, totalGross: 24_99, fbaLinesValue: null, recordedAt: 1,
    });
    await store.close();

    const out = join(folder, 'journal.csv');
    const first = await cli(db, 'settlement', 'import', US, '--export', 'quickbooks', '--out', out);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /: imported/);
    assert.match(first.stdout, /Net proceeds\s+-10\.01/);
    assert.match(first.stdout, /4 multi-channel \(2 matched to commercetools orders, 2 unmatched\)/);
    assert.match(first.stdout, /debits (\S+) = credits \1 \(balanced\)/);
    assert.match(readFileSync(out, 'utf8'), /AMZ-20000000012-1/);
    // Below the cap every unmatched row is listed, and nothing more is said.
    const listed = first.stdout.split('\n').filter((l) => /^ {2}line \d+ {2}settlement\./.test(l));
    assert.match(first.stdout, /\nUnmatched \(2, one finance exception per kind: `fba-bridge exceptions list --owner finance`\):\n/);
    assert.equal(listed.length, 2);
    assert.doesNotMatch(first.stdout, /… and \d+ more/);

    const again = await cli(db, 'settlement', 'import', US, '--json');
    assert.equal(again.code, 0, again.stderr);
    const json = JSON.parse(again.stdout) as { status: string; matching: { matchedOrders: number }; unmatched: Array<{ lineNumber: number }>; unmatchedCount: number };
    assert.equal(json.status, 'unchanged');
    assert.equal(json.matching.matchedOrders, 2);
    assert.deepEqual([json.unmatched.length, json.unmatchedCount], [2, 2]);

    const orders = await cli(db, 'settlement', 'orders', '20000000012', '--json');
    assert.equal(orders.code, 0, orders.stderr);
    interface Economics {
      sellerFulfillmentOrderId: string; ctOrderNumber: string | null; storefrontRevenue: { amount: number; currency: string } | null;
      amazonFees: number; refunds: number; contribution: number | null; note: string | null;
    }
    const report = JSON.parse(orders.stdout) as { orders: Economics[]; totals: { revenue: number; amazonFees: number; contribution: number; ordersWithContribution: number } };
    assert.equal(report.orders.length, 4);
    const matched = report.orders.find((o) => o.sellerFulfillmentOrderId === 'DEMO-1001-i2bybmv3us');
    assert.equal(matched?.ctOrderNumber, 'SO-1001');
    assert.deepEqual(matched?.storefrontRevenue?.amount, 5997);
    assert.equal(matched?.amazonFees, -1948);
    assert.equal(matched?.refunds, 0);
    assert.equal(matched?.contribution, 5997 - 1948);
    const foreign = report.orders.find((o) => o.sellerFulfillmentOrderId === 'DEMO-1006-7sn3rvlama');
    assert.deepEqual([foreign?.storefrontRevenue?.currency, foreign?.contribution], ['EUR', null]);
    assert.deepEqual([report.totals.revenue, report.totals.amazonFees, report.totals.contribution, report.totals.ordersWithContribution], [5997, -6775, 4049, 1]);
    const plain = await cli(db, 'settlement', 'orders', '20000000012');
    assert.match(plain.stdout, /DEMO-1001-i2bybmv3us\s+SO-1001\s+59\.97\s+-19\.48\s+0\.00\s+0\.00\s+40\.49/);
    assert.match(plain.stdout, /DEMO-1006-7sn3rvlama\s+SO-1006\s+EUR 24\.99\s+-23\.79.*-\s+revenue in EUR, settlement in USD: shown, not summed/);
    assert.match(plain.stdout, /DEMO-1007-gilz6u3mvx\s+UNMATCHED/);
    assert.match(plain.stdout, /total \(4 orders\)\s+59\.97\s+-67\.75\s+0\.00\s+0\.00\s+40\.49/);
    assert.match(plain.stdout, /Revenue in EUR, not summed with USD: EUR 24\.99/);

    const exceptions = await cli(db, 'exceptions', 'list', '--owner', 'finance', '--json');
    assert.equal((JSON.parse(exceptions.stdout) as unknown[]).length, 1, 'one exception for the settlement\'s unmatched orders');
  });

  it(`lists the first ${UNMATCHED_LISTED} unmatched rows and says how many more there are; all are raised`, async () => {
    const more = 7;
    const rows = Array.from({ length: UNMATCHED_LISTED + more }, (_, i) => (
      { type: 'Order', order: `MCF-${i}`, marketplace: 'Non-Amazon US', amountType: 'ItemFees', description: 'FBAPerUnitFulfillmentFee', cents: -100 }));
    const file = join(folder, 'many-unmatched.txt');
    writeFileSync(file, v2SettlementText('500', rows));
    const fresh = `sqlite:${join(folder, 'many.db')}`;
    const text = await cli(fresh, 'settlement', 'import', file);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`\nUnmatched \\(${UNMATCHED_LISTED + more}, one finance exception per kind`));
    assert.equal(text.stdout.split('\n').filter((l) => /^ {2}line \d+ {2}settlement\.unmatched-row/.test(l)).length, UNMATCHED_LISTED);
    assert.ok(text.stdout.includes(`\n  … and ${more} more: \`fba-bridge settlement unmatched 500\`\n  settlement.unmatched-row: ${UNMATCHED_LISTED + more} row(s), -${UNMATCHED_LISTED + more}.00\n`), text.stdout);
    const again = await cli(fresh, 'settlement', 'import', file, '--json');
    const json = JSON.parse(again.stdout) as { unmatched: unknown[]; unmatchedCount: number; unmatchedTotals: unknown };
    assert.equal(json.unmatched.length, UNMATCHED_LISTED);
    assert.equal(json.unmatchedCount, UNMATCHED_LISTED + more);
    assert.deepEqual(json.unmatchedTotals, [{ exceptionType: 'settlement.unmatched-row', count: UNMATCHED_LISTED + more, amount: -100 * (UNMATCHED_LISTED + more) }]);
    const exceptions = await cli(fresh, 'exceptions', 'list', '--owner', 'finance', '--json');
    assert.equal((JSON.parse(exceptions.stdout) as unknown[]).length, 1, 'one exception lists them all');
    const all = await cli(fresh, 'settlement', 'unmatched', '500', '--json');
    assert.equal((JSON.parse(all.stdout) as { unmatched: unknown[] }).unmatched.length, UNMATCHED_LISTED + more);
    const help = await cli(fresh, 'settlement', 'import', '--help');
    assert.match(help.stdout, /"unmatchedCount"/);
  });

  it('refuses another file under an imported settlement id as a conflict', async () => {
    const altered = join(folder, 'altered.txt');
    writeFileSync(altered, readFileSync(US, 'utf8').replace('KETTLE-STEEL-1QT', 'KETTLE-STEEL-2QT'));
    await cli(db, 'settlement', 'import', US);
    const run = await cli(db, 'settlement', 'import', altered);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /CONFLICT/);
  });

  it('rejects a malformed file with line numbers and stores nothing', async () => {
    const broken = join(folder, 'broken.txt');
    const lines = readFileSync(join(FIXTURES, 'v2-de-comma-latin1-crlf.txt'), 'latin1').split('\r\n');
    lines[5] = (lines[5] ?? '').replace(/\t-?\d+,\d\d\t/, '\tzwölf\t');
    writeFileSync(broken, lines.join('\r\n'), 'latin1');
    const fresh = `sqlite:${join(folder, 'fresh.db')}`;
    const run = await cli(fresh, 'settlement', 'import', broken);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /REJECTED: nothing was imported/);
    assert.match(run.stderr, /line 6: /);
    const store = await openStore(fresh);
    try {
      assert.deepEqual(await store.settlements.list('default', 10), []);
      assert.deepEqual(await store.exceptions.list({}), []);
    } finally {
      await store.close();
    }
  });

  it('imports every committed fixture (both formats, both locales)', async () => {
    for (const name of ['legacy-de-comma-utf8-crlf.txt', 'legacy-us-point-utf8-lf.txt', 'v2-de-comma-latin1-crlf.txt']) {
      const run = await cli(db, 'settlement', 'import', join(FIXTURES, name), '--json');
      assert.equal(run.code, 0, `${name}: ${run.stderr}`);
      const json = JSON.parse(run.stdout) as { status: string; summary: { netProceeds: number }; header: { totalAmount: number } };
      assert.equal(json.status, 'imported', name);
      assert.equal(json.summary.netProceeds, json.header.totalAmount, name);
    }
  });

  it('imports the real DE report from ../shared', { skip: existsSync(SHARED_DE) ? false : `${SHARED_DE} not present (../shared is absent)` }, async () => {
    const run = await cli(db, 'settlement', 'import', SHARED_DE, '--json');
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { status: string; summary: Record<string, number>; journal: { totalDebit: number; totalCredit: number } };
    assert.equal(json.status, 'imported');
    assert.equal(json.summary.productCharges, 65040);
    assert.equal(json.summary.netProceeds, 19665);
    assert.equal(json.journal.totalDebit, json.journal.totalCredit);
  });
});

describe('the example chart of accounts in docs/runbooks', () => {
  it('is accepted by the CLI and leaves nothing in suspense for the US fixture', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'fba-bridge-settlement-chart-'));
    try {
      const run = await cli(`sqlite:${join(folder, 'b.db')}`, 'settlement', 'import', US, '--chart', join(ROOT, 'docs/runbooks/example-chart-of-accounts.json'), '--json');
      assert.equal(run.code, 0, run.stderr);
      const json = JSON.parse(run.stdout) as { journal: { unmapped: unknown[]; entries: Array<{ lines: Array<{ accountCode: string }> }> } };
      assert.deepEqual(json.journal.unmapped, []);
      assert.ok(json.journal.entries.some((e) => e.lines.some((l) => l.accountCode === '5210')));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
