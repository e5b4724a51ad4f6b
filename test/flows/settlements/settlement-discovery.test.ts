// Settlement discovery end to end over real HTTP: the simulator ships multi-channel orders created
// through its API and sells on Amazon's marketplace, closes a settlement period and posts the report;
// the bridge's Reports client lists it, fetches the document reference and downloads it (gzip, no
// access token); the discovery imports it once, matched to the order links in the store, and a second
// run imports nothing. Download failures and refused files become finance exceptions. Refunds the
// simulator posts in a later period are tied to their sales in the earlier settlement.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SpApiHttpClient } from '../../../src/adapters/amazon/sp-api-http.js';
import { SpApiReportsClient } from '../../../src/adapters/amazon/sp-api-reports-client.js';
import { openStore } from '../../../src/adapters/store/open-store.js';
import { Secret } from '../../../src/config/secret.js';
import { fail, failure, ok, type Failure } from '../../../src/domain/shared/result.js';
import { PriorityRateGovernor } from '../../../src/engine/priority-rate-governor.js';
import { discoverSettlements, SETTLEMENT_REPORT_TYPE, SETTLEMENT_WATERMARK } from '../../../src/flows/settlements/settlement-discovery.js';
import type { AmazonReportsPort } from '../../../src/ports/amazon-reports.js';
import type { Store } from '../../../src/ports/store.js';
import type { AmazonSimulatorOptions } from '../../../src/simulator/index.js';
import { orderRequest, startHarness, type Harness } from '../../simulator/sim-harness.js';

const C = 'default';
const T0 = Date.parse('2025-03-03T09:00:00Z');

interface World extends Harness {
  readonly store: Store;
  readonly reports: SpApiReportsClient;
  close(): Promise<void>;
}

async function world(options: Partial<AmazonSimulatorOptions> = {}): Promise<World> {
  const h = await startHarness(options);
  const store = await openStore(':memory:');
  await store.migrate();
  const http = new SpApiHttpClient({
    endpoint: h.sim.url,
    lwa: { endpoint: `${h.sim.url}/auth/o2/token`, clientId: 'amzn1.application-oa2-client.test', clientSecret: new Secret('s'), refreshToken: new Secret('Atzr|t') },
    governor: new PriorityRateGovernor(), seller: 'sim-seller', timeoutMs: 5_000,
  });
  return { ...h, store, reports: new SpApiReportsClient(http), close: async () => { await store.close(); await h.sim.close(); } };
}

async function seedLink(store: Store, sellerFulfillmentOrderId: string, orderNumber: string): Promise<void> {
  await store.orderLinks.upsert({
    connectionId: C, ctOrderId: `ct-${orderNumber}`, orderNumber, sellerFulfillmentOrderId, state: 'closed', fbaStatus: 'COMPLETE',
    shippingSpeed: 'Standard', fbaLines: 2, localLines: 0, submittedAt: T0, fbaStatusAt: T0,
  }, T0);
}

/** Activity in the simulator, then the period closes: one US settlement report. */
async function activityAndClose(w: World, prefix: string): Promise<void> {
  await w.api.stock(`${prefix}-MUG`, 20);
  await w.api.stock(`${prefix}-CUP`, 10);
  assert.equal((await w.api.createOrder(orderRequest(`${prefix}-1001-ab12`, [[`${prefix}-MUG`, 2], [`${prefix}-CUP`, 1]]))).status, 200);
  assert.equal((await w.api.createOrder(orderRequest(`${prefix}-1002-cd34`, [[`${prefix}-MUG`, 1]]))).status, 200);
  assert.equal((await w.api.admin('POST', '/marketplace-sale', { sellerSku: `${prefix}-CUP`, quantity: 1 })).json.sold, 1);
  w.sim.advance(2 * 86400);
  assert.equal((await w.api.admin('POST', '/settlements/close')).status, 200);
}

const deps = (w: World, reports: AmazonReportsPort = w.reports) => ({ store: w.store, connectionId: C, reports, now: () => T0 });

describe('settlement discovery against the simulator', () => {
  it('the client lists the report and downloads the gzipped document without the access token', async () => {
    const w = await world();
    try {
      await activityAndClose(w, 'A');
      const page = await w.reports.listReports([SETTLEMENT_REPORT_TYPE], undefined);
      assert.ok(page.ok);
      const [report] = page.value.reports;
      assert.ok(report?.reportDocumentId);
      const document = await w.reports.getReportDocument(report.reportDocumentId);
      assert.ok(document.ok);
      assert.equal(document.value.compression, 'GZIP');
      const stream = await w.reports.downloadDocument(document.value);
      assert.ok(stream.ok);
      let text = '';
      for await (const chunk of stream.value) text += Buffer.from(chunk).toString('utf8');
      assert.match(text, /^settlement-id\tsettlement-start-date/);
      assert.match(text, /Non-Amazon US/);
    } finally {
      await w.close();
    }
  });

  it('imports a new settlement once, matched to the order links; a second run imports nothing; a later period is found', async () => {
    const w = await world();
    try {
      await seedLink(w.store, 'A-1001-ab12', '1001');
      await activityAndClose(w, 'A');
      const first = await discoverSettlements(deps(w));
      assert.equal(first.imported.length, 1, JSON.stringify(first));
      const settlementId = first.imported[0]!;
      const orders = await w.store.settlements.listOrders(C, settlementId);
      const linked = orders.find((o) => o.orderKey === 'A-1001-ab12');
      assert.equal(linked?.matchStatus, 'matched');
      assert.equal(linked?.ctOrderNumber, '1001');
      assert.deepEqual([...(linked?.itemIds ?? [])].sort(), ['A-1001-ab12-1', 'A-1001-ab12-2']);
      assert.ok((linked?.fees ?? 0) < 0 && linked?.principal === 0);
      assert.equal(orders.find((o) => o.orderKey === 'A-1002-cd34')?.matchStatus, 'unmatched');
      assert.equal(orders.filter((o) => o.matchStatus === 'amazon-sale').length, 1);
      const exceptions = await w.store.exceptions.list({ connectionId: C, owner: 'finance' });
      assert.deepEqual(exceptions.map((e) => e.type), ['settlement.unmatched-row'], 'the unlinked MCF order, nothing else');
      assert.ok(await w.store.watermarks.get(C, SETTLEMENT_WATERMARK));
      const journal = JSON.parse((await w.store.console.journal(C, settlementId)) ?? 'null') as { settlementId?: string; lines?: unknown[] } | null;
      assert.equal(journal?.settlementId, settlementId, 'the journal is kept for the console\'s download, as for an uploaded file');

      const second = await discoverSettlements(deps(w));
      assert.deepEqual(second.imported, []);
      assert.equal(second.skipped, 1);
      assert.equal((await w.store.settlements.list(C, 10)).length, 1);

      await activityAndClose(w, 'B');
      const third = await discoverSettlements(deps(w));
      assert.equal(third.imported.length, 1);
      assert.notEqual(third.imported[0], settlementId);
      assert.equal((await w.store.settlements.list(C, 10)).length, 2);
    } finally {
      await w.close();
    }
  });

  it('refunds in a later period are tied to their sales in the earlier settlement: no refund-without-sale', async () => {
    const w = await world({ settlementDays: 1.5, refundRate: 1 });
    try {
      await w.api.stock('R-MUG', 20);
      const sold: string[] = [];
      for (const quantity of [1, 2]) {
        const sale = await w.api.admin('POST', '/marketplace-sale', { sellerSku: 'R-MUG', quantity });
        sold.push(sale.json.sale.amazonOrderId as string);
      }
      w.sim.advance(3 * 86400 + 60); // two 1.5-day periods: the sales in the first, their refunds in the second
      const run = await discoverSettlements(deps(w));
      assert.equal(run.imported.length, 2, JSON.stringify(run));
      const [first, second] = run.imported as [string, string];
      const earlier = await w.store.settlements.listOrders(C, first);
      assert.deepEqual(earlier.filter((o) => o.matchStatus === 'amazon-sale').map((o) => o.orderKey).sort(), [...sold].sort());
      assert.ok(earlier.every((o) => o.refundRows === 0));
      const refunded = (await w.store.settlements.listOrders(C, second)).filter((o) => o.refundRows > 0);
      assert.deepEqual(refunded.map((o) => o.orderKey).sort(), [...sold].sort());
      assert.ok(refunded.every((o) => o.saleRows === 0 && o.refundOfSettlement === first && o.refunds < 0), JSON.stringify(refunded));
      assert.deepEqual(await w.store.exceptions.list({ connectionId: C, type: 'settlement.refund-without-sale' }), []);
    } finally {
      await w.close();
    }
  });

  it('a download that fails is a finance exception, tried again next run and resolved when it works', async () => {
    const w = await world();
    try {
      await activityAndClose(w, 'A');
      const flaky = downloadFailingOnce(w.reports, failure('retryable', 'UnexpectedAnswer', 'downloading report document failed: HTTP 403 AccessDenied'));
      const first = await discoverSettlements(deps(w, flaky));
      assert.equal(first.failed, 1);
      const listed = await w.reports.listReports([SETTLEMENT_REPORT_TYPE], undefined);
      assert.ok(listed.ok);
      const watermark = await w.store.watermarks.get(C, SETTLEMENT_WATERMARK);
      assert.ok(watermark === null || Date.parse(watermark) <= Date.parse(listed.value.reports[0]!.createdTime), 'the watermark does not pass a failed report');
      const open = await w.store.exceptions.list({ connectionId: C, type: 'settlement.download-failed', status: 'open' });
      assert.equal(open.length, 1);
      assert.equal(open[0]?.owner, 'finance');
      const second = await discoverSettlements(deps(w, flaky));
      assert.equal(second.imported.length, 1);
      assert.equal((await w.store.exceptions.list({ connectionId: C, type: 'settlement.download-failed', status: 'open' })).length, 0);
    } finally {
      await w.close();
    }
  });

  it('while Amazon does not answer, a download is tried again next run without a finance exception (the outage is the amazon.unreachable alert\'s)', async () => {
    const w = await world();
    try {
      await activityAndClose(w, 'A');
      const unreachable = downloadFailingOnce(w.reports, failure('retryable', 'NetworkError', 'Amazon could not be reached for downloadDocument: ECONNREFUSED'));
      const first = await discoverSettlements(deps(w, unreachable));
      assert.equal(first.failed, 1);
      assert.deepEqual(await w.store.exceptions.list({ connectionId: C, type: 'settlement.download-failed' }), []);
      const second = await discoverSettlements(deps(w, unreachable));
      assert.equal(second.imported.length, 1);
    } finally {
      await w.close();
    }
  });

  it('a refused file is a finance exception and is not downloaded again', async () => {
    const w = await world();
    try {
      await activityAndClose(w, 'A');
      let downloads = 0;
      const damaged: AmazonReportsPort = {
        listReports: (...args) => w.reports.listReports(...args),
        getReportDocument: (...args) => w.reports.getReportDocument(...args),
        downloadDocument: async (document, signal) => {
          downloads++;
          const real = await w.reports.downloadDocument(document, signal);
          if (!real.ok) return real;
          let text = '';
          for await (const chunk of real.value) text += Buffer.from(chunk).toString('utf8');
          // One amount made unreadable: a line problem (and the rows no longer add up).
          const bad = text.replace(/\tFBAPerUnitFulfillmentFee\t-(\d+)\.(\d\d)/, '\tFBAPerUnitFulfillmentFee\t-$1.$2x');
          return ok((async function* () { yield Buffer.from(bad, 'utf8'); })());
        },
      };
      const first = await discoverSettlements(deps(w, damaged));
      assert.equal(first.rejected, 1);
      assert.equal((await w.store.settlements.list(C, 10)).length, 0, 'nothing booked');
      const rejected = await w.store.exceptions.list({ connectionId: C, type: 'settlement.report-rejected' });
      assert.equal(rejected.length, 1);
      assert.match(rejected[0]?.reason ?? '', /line \d+/);
      await discoverSettlements(deps(w, damaged));
      assert.equal(downloads, 1, 'downloaded once');
    } finally {
      await w.close();
    }
  });
});

/** The reports port whose first download answers `failure`, then works. */
function downloadFailingOnce(reports: AmazonReportsPort, failed: Failure): AmazonReportsPort {
  let failures = 1;
  return {
    listReports: (...args) => reports.listReports(...args),
    getReportDocument: (...args) => reports.getReportDocument(...args),
    downloadDocument: async (document, signal) => (failures-- > 0 ? fail(failed) : reports.downloadDocument(document, signal)),
  };
}
