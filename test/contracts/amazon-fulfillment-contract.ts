// The AmazonFulfillmentPort contract: one suite, run against the in-memory fake the flow tests use
// (amazon-fulfillment-fake.test.ts) and against SpApiFulfillmentClient talking to the SP-API simulator
// over loopback HTTP (amazon-fulfillment-simulator.test.ts). It pins down what the order and shipment
// flows rely on: a create is adopted, never repeated (DuplicateOrder), an unknown id reads as null,
// Amazon's cancel rules, listing by change time with a nextToken that loses nothing, and tracking.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FbaOrderRequest } from '../../src/domain/orders/fba-order.js';
import { CallPriority, type AmazonFulfillmentPort, type FulfillmentOrderPage } from '../../src/ports/amazon-fulfillment.js';
import { orderRequest } from '../simulator/sim-harness.js';
import { failureOf, value, withFresh } from './contract-support.js';

export interface AmazonUnderTest {
  readonly port: AmazonFulfillmentPort;
  /** Orders per listFulfillmentOrders page. */
  readonly listPageSize: number;
  /** Makes Amazon's catalogue know these SKUs, with stock. */
  stock(skus: readonly string[]): Promise<void>;
  /** Amazon's time now (ISO 8601). */
  now(): string;
  /** Moves Amazon's time forward (order changes after this happen later). */
  advance(ms: number): Promise<void>;
  /** The warehouse starts picking the order: status Processing. */
  startPicking(sellerFulfillmentOrderId: string): Promise<void>;
  /** The order ships in full: status Complete, one shipment with at least one package. */
  ship(sellerFulfillmentOrderId: string): Promise<void>;
  dispose(): Promise<void>;
}

const call = { priority: CallPriority.orderStandard };
let seq = 0;

/** An order for the US marketplace, line i with quantity i + 1: the simulator tests' request, typed for the port. */
function request(skus: readonly string[], id = `CONTRACT-${process.pid}-${++seq}`): FbaOrderRequest {
  return orderRequest(id, skus.map((sku, i) => [sku, i + 1] as const)) as unknown as FbaOrderRequest;
}

export function amazonFulfillmentContract(name: string, open: () => Promise<AmazonUnderTest>): void {
  const withAmazon = (fn: (t: AmazonUnderTest) => Promise<void>) => withFresh(open)(async (t) => {
    await t.stock(['MUG-RED', 'MUG-BLUE']);
    await fn(t);
  });

  async function created(t: AmazonUnderTest, skus: readonly string[] = ['MUG-RED']): Promise<FbaOrderRequest> {
    const order = request(skus);
    value(await t.port.createFulfillmentOrder(order, call));
    return order;
  }

  async function status(t: AmazonUnderTest, id: string): Promise<string | undefined> {
    return value(await t.port.getFulfillmentOrder(id, call))?.status;
  }

  /** Every change listed since `since`, following nextToken; `between` runs after the first page. */
  async function listAll(t: AmazonUnderTest, since: string, between: () => Promise<void> = async () => {}): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page: FulfillmentOrderPage = value(await t.port.listFulfillmentOrders(since, token, call));
      ids.push(...page.orders.map((o) => o.sellerFulfillmentOrderId));
      token = page.nextToken;
      pages += 1;
      if (pages === 1) await between();
    } while (token !== undefined && pages < 100);
    return { ids, pages };
  }

  describe(`AmazonFulfillmentPort contract: ${name}`, () => {
    describe('createFulfillmentOrder and getFulfillmentOrder', () => {
      it('creates an order that reads back with its lines, nothing cancelled and no shipments yet', withAmazon(async (t) => {
        const order = await created(t, ['MUG-RED', 'MUG-BLUE']);
        const read = value(await t.port.getFulfillmentOrder(order.sellerFulfillmentOrderId, call));
        assert.ok(read, 'the created order is there');
        assert.equal(read.sellerFulfillmentOrderId, order.sellerFulfillmentOrderId);
        assert.equal(read.displayableOrderId, order.displayableOrderId);
        assert.equal(read.shippingSpeedCategory, 'Standard');
        assert.ok(['New', 'Received'].includes(read.status), `a new order is New or Received, not ${read.status}`);
        assert.deepEqual(
          read.items.map((i) => [i.sellerFulfillmentOrderItemId, i.sellerSku, i.quantity, i.cancelledQuantity, i.unfulfillableQuantity]),
          order.items.map((i) => [i.sellerFulfillmentOrderItemId, i.sellerSku, i.quantity, 0, 0]),
        );
        assert.deepEqual(read.shipments, []);
        assert.ok(!Number.isNaN(Date.parse(read.statusUpdatedDate)) && !Number.isNaN(Date.parse(read.receivedDate)));
      }));

      it('a second create with the same id is a permanent DuplicateOrder, and the first order stands (adopt it)', withAmazon(async (t) => {
        const order = await created(t);
        const again = failureOf(await t.port.createFulfillmentOrder({ ...order, items: [{ ...order.items[0]!, quantity: 5 }] }, call));
        assert.deepEqual([again.category, again.code], ['permanent', 'DuplicateOrder']);
        assert.match(again.message, new RegExp(order.sellerFulfillmentOrderId));
        const read = value(await t.port.getFulfillmentOrder(order.sellerFulfillmentOrderId, call));
        assert.equal(read?.items[0]?.quantity, 1, 'the duplicate changed nothing');
      }));

      it('a SKU Amazon does not know is a permanent InvalidSku naming the item, and creates nothing', withAmazon(async (t) => {
        const order = request(['MUG-RED', 'NOT-IN-FBA']);
        const refused = failureOf(await t.port.createFulfillmentOrder(order, call));
        assert.deepEqual([refused.category, refused.code], ['permanent', 'InvalidSku']);
        assert.match(refused.message, new RegExp(order.items[1]!.sellerFulfillmentOrderItemId));
        assert.equal(value(await t.port.getFulfillmentOrder(order.sellerFulfillmentOrderId, call)), null);
      }));

      it('an id Amazon does not know reads as null, not as a failure', withAmazon(async (t) => {
        assert.equal(value(await t.port.getFulfillmentOrder(`NEVER-${process.pid}-${++seq}`, call)), null);
      }));
    });

    describe('cancelFulfillmentOrder', () => {
      it('cancels an order not yet picked: status Cancelled, every unit cancelled', withAmazon(async (t) => {
        const order = await created(t, ['MUG-RED', 'MUG-BLUE']);
        value(await t.port.cancelFulfillmentOrder(order.sellerFulfillmentOrderId, { priority: CallPriority.cancel }));
        const read = value(await t.port.getFulfillmentOrder(order.sellerFulfillmentOrderId, call));
        assert.equal(read?.status, 'Cancelled');
        assert.deepEqual(read?.items.map((i) => i.cancelledQuantity), order.items.map((i) => i.quantity));
      }));

      it('a second cancel is a permanent NotCancellable', withAmazon(async (t) => {
        const order = await created(t);
        value(await t.port.cancelFulfillmentOrder(order.sellerFulfillmentOrderId, { priority: CallPriority.cancel }));
        const again = failureOf(await t.port.cancelFulfillmentOrder(order.sellerFulfillmentOrderId, { priority: CallPriority.cancel }));
        assert.deepEqual([again.category, again.code], ['permanent', 'NotCancellable']);
      }));

      it('once picking started the cancel is refused as NotCancellable and the order goes on', withAmazon(async (t) => {
        const order = await created(t);
        await t.startPicking(order.sellerFulfillmentOrderId);
        assert.equal(await status(t, order.sellerFulfillmentOrderId), 'Processing');
        const refused = failureOf(await t.port.cancelFulfillmentOrder(order.sellerFulfillmentOrderId, { priority: CallPriority.cancel }));
        assert.deepEqual([refused.category, refused.code], ['permanent', 'NotCancellable']);
        assert.equal(await status(t, order.sellerFulfillmentOrderId), 'Processing');
      }));

      it('cancelling an unknown order is a permanent OrderNotFound', withAmazon(async (t) => {
        const refused = failureOf(await t.port.cancelFulfillmentOrder(`NEVER-${process.pid}-${++seq}`, { priority: CallPriority.cancel }));
        assert.deepEqual([refused.category, refused.code], ['permanent', 'OrderNotFound']);
      }));
    });

    describe('listFulfillmentOrders', () => {
      it('lists the orders changed at or after queryStartDate with their status, and none changed before', withAmazon(async (t) => {
        await created(t);
        await t.advance(10_000);
        const since = t.now();
        await t.advance(1_000);
        const after = await created(t);
        const page = value(await t.port.listFulfillmentOrders(since, undefined, call));
        assert.deepEqual(page.orders.map((o) => [o.sellerFulfillmentOrderId, o.displayableOrderId]), [[after.sellerFulfillmentOrderId, after.displayableOrderId]]);
        assert.ok(['New', 'Received'].includes(page.orders[0]!.status));
        assert.equal(page.nextToken, undefined);
      }));

      it('pages with nextToken, and an order that changes between pages loses no other order', withAmazon(async (t) => {
        const since = t.now();
        const orders: FbaOrderRequest[] = [];
        for (let i = 0; i <= t.listPageSize; i++) orders.push(await created(t));
        await t.advance(1_000);
        const listed = await listAll(t, since, async () => {
          // The first order listed changes after the first page was read: it moves to the end.
          await t.advance(1_000);
          value(await t.port.cancelFulfillmentOrder(orders[0]!.sellerFulfillmentOrderId, { priority: CallPriority.cancel }));
        });
        assert.ok(listed.pages >= 2, `more than a page (${listed.pages})`);
        const expected = orders.map((o) => o.sellerFulfillmentOrderId).sort();
        assert.deepEqual([...new Set(listed.ids)].sort(), expected, 'every order listed, none skipped');
      }));
    });

    describe('getPackageTracking', () => {
      it('tracks a package of a shipped order by its number', withAmazon(async (t) => {
        const order = await created(t);
        await t.ship(order.sellerFulfillmentOrderId);
        const read = value(await t.port.getFulfillmentOrder(order.sellerFulfillmentOrderId, call));
        assert.equal(read?.status, 'Complete');
        const pkg = read?.shipments.flatMap((s) => s.packages)[0];
        assert.ok(pkg, 'the shipment has a package');
        const tracking = value(await t.port.getPackageTracking(pkg.packageNumber, { priority: CallPriority.tracking }));
        assert.equal(tracking.packageNumber, pkg.packageNumber);
        if (pkg.trackingNumber !== undefined) assert.equal(tracking.trackingNumber, pkg.trackingNumber);
      }));

      it('a package number Amazon never shipped is a permanent failure, not a made-up status', withAmazon(async (t) => {
        const unknown = failureOf(await t.port.getPackageTracking(987_654_321, { priority: CallPriority.tracking }));
        assert.deepEqual([unknown.category, unknown.code], ['permanent', 'InvalidInput']);
      }));
    });
  });
}
