// Reports API 2021-06-30 of the simulator: settlement reports made from its own activity (MCF orders
// shipped through its API, Amazon-marketplace sales), found with getReports, fetched with
// getReportDocument and downloaded gzipped from the presigned URL without the access token. The
// answers validate against Amazon's official model (skipped, saying so, when ../shared is absent);
// the documents parse with the project's settlement reader and add up exactly. Refunds of earlier
// periods' sales come back in a later period, and survive a restart from a state file.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { collectSettlement, type CollectedSettlement } from '../../src/domain/settlements/settlement-reader.js';
import { ManualClock, startAmazonSimulator } from '../../src/simulator/index.js';
import {
  MODELS_MISSING, SpApiTestClient, US, explain, modelValidator, modelsAvailable, orderRequest, withHarness, type Answer,
} from './sim-harness.js';

const REPORTS = 'reports_2021-06-30.json';
const TYPE = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';
const LIST = `/reports/2021-06-30/reports?reportTypes=${TYPE}`;

function conforms(t: TestContext, answer: Answer, definition: string, what: string): void {
  if (!modelsAvailable) {
    t.diagnostic(MODELS_MISSING);
    return;
  }
  const validate = modelValidator(REPORTS, definition);
  assert.ok(validate(answer.json), `${what} (HTTP ${answer.status}) does not conform to ${definition}: ${explain(validate)}\n${JSON.stringify(answer.json).slice(0, 400)}`);
}

async function download(api: SpApiTestClient, reportDocumentId: string): Promise<{ text: string; document: Answer }> {
  const document = await api.call('GET', `/reports/2021-06-30/documents/${encodeURIComponent(reportDocumentId)}`);
  assert.equal(document.status, 200);
  const res = await fetch(document.json.url as string); // no access token, as from S3
  assert.equal(res.status, 200, await res.clone().text());
  return { text: gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8'), document };
}

test('a closed period yields a settlement report: listed, fetched, downloaded gzipped, parsed and summed exactly', async (t) => {
  await withHarness(async ({ sim, api }) => {
    await api.stock('MUG', 20);
    await api.stock('CUP', 10);
    assert.equal((await api.createOrder(orderRequest('S-1', [['MUG', 2], ['CUP', 1]]))).status, 200);
    assert.equal((await api.createOrder(orderRequest('S-2', [['MUG', 1]]))).status, 200);
    const sale = await api.admin('POST', '/marketplace-sale', { sellerSku: 'CUP', quantity: 2 });
    assert.equal(sale.json.sold, 2);
    sim.advance(2 * 86400); // everything ships
    const closed = await api.admin('POST', '/settlements/close');
    assert.equal(closed.status, 200);
    assert.equal(closed.json.reports.length, 1, 'one marketplace (US), one report');

    const list = await api.call('GET', LIST);
    assert.equal(list.status, 200);
    conforms(t, list, 'GetReportsResponse', 'getReports');
    assert.ok(list.headers.get('x-amzn-ratelimit-limit'), 'rate limit header');
    const [report] = list.json.reports;
    assert.equal(report.reportType, TYPE);
    assert.equal(report.processingStatus, 'DONE');
    assert.deepEqual(report.marketplaceIds, [US]);

    const single = await api.call('GET', `/reports/2021-06-30/reports/${report.reportId}`);
    conforms(t, single, 'Report', 'getReport');
    const { text, document } = await download(api, report.reportDocumentId);
    conforms(t, document, 'ReportDocument', 'getReportDocument');
    assert.equal(document.json.compressionAlgorithm, 'GZIP');

    const parsed = await collectSettlement([text]);
    assert.equal(parsed.result.verdict, 'accepted', JSON.stringify(parsed.problems));
    assert.equal(parsed.rows.reduce((sum, r) => sum + r.amount, 0), parsed.header?.totalAmount);
    const mcf = parsed.rows.filter((r) => r.marketplaceName === 'Non-Amazon US');
    assert.deepEqual([...new Set(mcf.map((r) => r.merchantOrderId))].sort(), ['S-1', 'S-2']);
    assert.deepEqual(mcf.filter((r) => r.amountDescription === 'Principal').map((r) => r.amount), [0, 0, 0]);
    const fees = mcf.filter((r) => r.amountDescription === 'FBAPerUnitFulfillmentFee');
    assert.deepEqual(fees.map((r) => r.merchantOrderItemId).sort(), ['S-1-1', 'S-1-2', 'S-2-1']);
    assert.ok(fees.every((r) => r.amount < 0));
    const amazon = parsed.rows.filter((r) => r.marketplaceName === 'Amazon.com');
    assert.deepEqual(new Set(amazon.map((r) => r.amountDescription)),
      new Set(['Principal', 'Tax', 'MarketplaceFacilitatorTax-Principal', 'FBAPerUnitFulfillmentFee', 'Commission']));
    const other = parsed.rows.filter((r) => r.transactionType === 'other-transaction').map((r) => r.amountDescription);
    assert.deepEqual(other, ['Storage Fee', 'Subscription Fee', 'Current Reserve Amount']);
  });
});

test('periods close every settlementDays; the reserve carries over; paging sends nextToken alone', async (t) => {
  await withHarness(async ({ sim, api }) => {
    await api.stock('MUG', 50);
    await api.admin('POST', '/marketplace-sale', { sellerSku: 'MUG', quantity: 1 });
    sim.advance(3 * 86400 + 60); // two 1.5-day periods
    const all = await api.call('GET', `${LIST}&pageSize=1`);
    conforms(t, all, 'GetReportsResponse', 'first page');
    assert.equal(all.json.reports.length, 1);
    assert.ok(all.json.nextToken);
    const withOthers = await api.call('GET', `${LIST}&nextToken=${encodeURIComponent(all.json.nextToken)}`);
    assert.equal(withOthers.status, 400);
    conforms(t, withOthers, 'ErrorList', 'nextToken with other parameters');
    const second = await api.call('GET', `/reports/2021-06-30/reports?nextToken=${encodeURIComponent(all.json.nextToken)}`);
    assert.equal(second.status, 200);
    conforms(t, second, 'GetReportsResponse', 'second page');
    assert.equal(second.json.reports.length, 1);
    assert.equal(second.json.nextToken, undefined);
    const [newest, oldest] = [all.json.reports[0], second.json.reports[0]];
    assert.ok(newest.createdTime > oldest.createdTime, 'newest first');
    const first = await collectSettlement([(await download(api, oldest.reportDocumentId)).text]);
    const next = await collectSettlement([(await download(api, newest.reportDocumentId)).text]);
    const held = first.rows.find((r) => r.amountDescription === 'Current Reserve Amount')?.amount;
    assert.ok(held !== undefined && held < 0);
    assert.equal(next.rows.find((r) => r.amountDescription === 'Previous Reserve Amount Balance')?.amount, -held);
    assert.equal(next.result.verdict, 'accepted');

    const since = await api.call('GET', `${LIST}&createdSince=${encodeURIComponent(newest.createdTime)}`);
    assert.deepEqual(since.json.reports.map((r: { reportId: string }) => r.reportId), [newest.reportId]);
    const missing = await api.call('GET', '/reports/2021-06-30/reports');
    assert.equal(missing.status, 400);
    conforms(t, missing, 'ErrorList', 'no reportTypes');
    const tooBig = await api.call('GET', `${LIST}&pageSize=101`);
    assert.equal(tooBig.status, 400);
    const unknown = await api.call('GET', '/reports/2021-06-30/reports/12345');
    assert.equal(unknown.status, 404);
    conforms(t, unknown, 'ErrorList', 'unknown report');
  }, { settlementDays: 1.5 });
});

test('the document URL needs no token, refuses a forged signature and expires 5 minutes after issue', async () => {
  let real = Date.parse('2025-03-03T09:00:00Z');
  await withHarness(async ({ api }) => {
    await api.stock('MUG', 5);
    const closed = await api.admin('POST', '/settlements/close');
    const id = closed.json.reports[0].reportDocumentId as string;
    const document = await api.call('GET', `/reports/2021-06-30/documents/${encodeURIComponent(id)}`);
    const url = document.json.url as string;
    assert.match(url, /X-Amz-Expires=300/);
    assert.equal((await fetch(url)).status, 200);
    assert.equal((await fetch(url.replace(/X-Amz-Signature=[0-9a-f]/, 'X-Amz-Signature=z'))).status, 403);
    real += 299_000;
    assert.equal((await fetch(url)).status, 200, 'still valid just before 5 minutes');
    real += 2_000;
    const expired = await fetch(url);
    assert.equal(expired.status, 403);
    assert.match(await expired.text(), /Request has expired/);
  }, { realNow: () => real });
});

type DownloadedSettlement = CollectedSettlement & { readonly text: string };

/** The settlement documents made so far, oldest first, parsed (with the text as downloaded). */
async function settlements(api: SpApiTestClient): Promise<DownloadedSettlement[]> {
  const list = await api.call('GET', `${LIST}&pageSize=100`);
  assert.equal(list.status, 200);
  const reports = [...list.json.reports as Array<{ reportDocumentId: string; createdTime: string }>].reverse();
  return Promise.all(reports.map(async (r) => {
    const { text } = await download(api, r.reportDocumentId);
    return { ...(await collectSettlement([text])), text };
  }));
}

/** Checks the Refund rows of `later` against the sales in `earlier`: same order ids, amounts reversed. */
function assertRefundsOf(earlier: CollectedSettlement, later: DownloadedSettlement, orderIds: readonly string[]): void {
  for (const parsed of [earlier, later]) {
    assert.equal(parsed.result.verdict, 'accepted', JSON.stringify(parsed.problems));
    assert.equal(parsed.rows.reduce((sum, r) => sum + r.amount, 0), parsed.header?.totalAmount);
  }
  assert.deepEqual(earlier.rows.filter((r) => r.transactionType === 'Refund'), [], 'nothing is refunded in the period that sold it');
  const refunds = later.rows.filter((r) => r.transactionType === 'Refund');
  assert.deepEqual([...new Set(refunds.map((r) => r.orderId))].sort(), [...orderIds].sort());
  const [start, end] = [Date.parse(later.header!.startDate), Date.parse(later.header!.endDate)];
  for (const orderId of orderIds) {
    const sale = (description: string) => earlier.rows.find((r) => r.transactionType === 'Order' && r.orderId === orderId && r.amountDescription === description)!.amount;
    const refund = (description: string) => refunds.find((r) => r.orderId === orderId && r.amountDescription === description)?.amount;
    assert.equal(refund('Principal'), -sale('Principal'));
    assert.equal(refund('Tax'), -sale('Tax'));
    assert.equal(refund('MarketplaceFacilitatorTax-Principal'), -sale('MarketplaceFacilitatorTax-Principal'));
    assert.equal(refund('Commission'), -sale('Commission'));
    assert.ok(refund('Commission')! > 0);
    assert.equal(refund('RefundCommission'), -Math.min(500, Math.floor((refund('Commission')! * 20 + 50) / 100)));
    const rows = refunds.filter((r) => r.orderId === orderId);
    assert.equal(rows.length, 5);
    assert.ok(rows.every((r) => r.merchantOrderId === orderId && r.marketplaceName === 'Amazon.com'));
    assert.ok(rows.every((r) => Date.parse(r.postedDate!) >= start && Date.parse(r.postedDate!) < end), 'posted in the period');
  }
  // The reader keeps no adjustment ids (nothing downstream reads them), so they are checked in the
  // file as written: every Refund line carries one, as Amazon's do, and one refund keeps one id.
  const [header, ...lines] = later.text.split(/\r?\n/).filter((l) => l.length > 0);
  const column = (name: string) => header!.split('\t').indexOf(name);
  const [type, adjustment, order] = [column('transaction-type'), column('adjustment-id'), column('order-id')];
  assert.ok(type >= 0 && adjustment >= 0 && order >= 0, `columns in the header: ${header}`);
  const refundLines = lines.map((l) => l.split('\t')).filter((f) => f[type] === 'Refund');
  assert.equal(refundLines.length, refunds.length);
  assert.ok(refundLines.every((f) => (f[adjustment] ?? '').trim().length > 0), 'every Refund line has an adjustment-id');
  for (const orderId of orderIds) {
    const ids = new Set(refundLines.filter((f) => f[order] === orderId).map((f) => f[adjustment]));
    assert.equal(ids.size, 1, `one adjustment id per refund of ${orderId}: ${[...ids].join(', ')}`);
  }
}

test('with refundRate 1 every sale of a period is refunded in the next one: Principal/Tax reversed, Commission back, RefundCommission', async () => {
  await withHarness(async ({ sim, api }) => {
    await api.stock('MUG', 50);
    await api.stock('CUP', 50);
    const ids: string[] = [];
    for (const [sku, quantity] of [['MUG', 1], ['CUP', 2], ['MUG', 30]] as const) {
      const sale = await api.admin('POST', '/marketplace-sale', { sellerSku: sku, quantity });
      assert.equal(sale.json.sold, quantity);
      ids.push(sale.json.sale.amazonOrderId as string);
    }
    sim.advance(3 * 86400 + 60); // two 1.5-day periods
    const [first, second] = await settlements(api);
    assert.ok(first && second);
    assert.equal(first.rows.filter((r) => r.transactionType === 'Order' && r.amountDescription === 'Principal').length, 3);
    assertRefundsOf(first, second, ids);
    assert.ok(second.rows.some((r) => r.amountDescription === 'RefundCommission' && r.amount === -500), 'the 5.00 cap applies to the large sale');
  }, { settlementDays: 1.5, refundRate: 1 });
});

test('refundRate 0 refunds nothing; the default refunds a seeded share, the same for the same seed', async () => {
  const refunded = async (options: { refundRate?: number; seed?: number }): Promise<number> => {
    let count = 0;
    await withHarness(async ({ sim, api }) => {
      await api.stock('MUG', 500);
      for (let i = 0; i < 60; i++) await api.admin('POST', '/marketplace-sale', { sellerSku: 'MUG', quantity: 1 });
      sim.advance(3 * 86400 + 60);
      const [, second] = await settlements(api);
      assert.equal(second?.result.verdict, 'accepted');
      count = new Set(second?.rows.filter((r) => r.transactionType === 'Refund').map((r) => r.orderId)).size;
    }, { settlementDays: 1.5, ...options });
    return count;
  };
  assert.equal(await refunded({ refundRate: 0 }), 0);
  const share = await refunded({ seed: 7 });
  assert.ok(share > 0 && share < 15, `about 5 % of 60 sales, got ${share}`);
  assert.equal(await refunded({ seed: 7 }), share);
});

test('refunds still to come survive a restart from a state file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'fba-sim-refunds-'));
  const stateFile = join(dir, 'state.json');
  try {
    const first = await startAmazonSimulator({ port: 0, stateFile, clock: new ManualClock('2025-03-03T09:00:00Z'), settlementDays: 1.5, refundRate: 1 });
    const api = new SpApiTestClient(first.url);
    await api.login();
    await api.stock('MUG', 10);
    const sale = await api.admin('POST', '/marketplace-sale', { sellerSku: 'MUG', quantity: 2 });
    first.advance(1.5 * 86400 + 60);
    assert.equal((await settlements(api)).length, 1, 'the first period closed');
    await first.close();

    const second = await startAmazonSimulator({ port: 0, stateFile, clock: new ManualClock('2025-03-04T21:01:00Z'), settlementDays: 1.5, refundRate: 1 });
    try {
      const again = new SpApiTestClient(second.url);
      await again.login();
      second.advance(1.5 * 86400);
      const [earlier, later] = await settlements(again);
      assert.ok(earlier && later);
      assertRefundsOf(earlier, later, [sale.json.sale.amazonOrderId as string]);
    } finally {
      await second.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
