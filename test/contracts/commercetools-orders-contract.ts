// The CommercetoolsOrderPort contract: one suite, run against the in-memory fake the flow tests use
// (commercetools-orders-fake.test.ts) and against CommercetoolsOrderGateway talking to
// @labdigital/commercetools-mock over loopback HTTP (commercetools-orders-mock.test.ts). It pins down
// what the flows rely on: unknown orders read as null; every write insists on the caller's version
// (stale: retryable ConcurrentModification, nothing written); writing what is already there writes
// nothing; deliveries and parcels are keyed; listing by lastModifiedAt pages by a cursor that loses nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StorefrontOrder } from '../../src/domain/orders/storefront-order.js';
import type { Result } from '../../src/domain/shared/result.js';
import type { CommercetoolsOrderPort, DeliveryToWrite, ShipmentWrite } from '../../src/ports/commercetools-orders.js';
import { failureOf, value, withFresh } from './contract-support.js';

export interface CommercetoolsUnderTest {
  readonly port: CommercetoolsOrderPort;
  /** A new open order (with a shipping method and at least one line) as a storefront places it. */
  place(): Promise<StorefrontOrder>;
  /** Someone else changes the order in the storefront: a newer version. */
  editInStorefront(order: StorefrontOrder): Promise<StorefrontOrder>;
  dispose(): Promise<void>;
}

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

function assertConcurrentModification<T>(result: Result<T>): void {
  const error = failureOf(result);
  assert.deepEqual([error.category, error.code, error.status], ['retryable', 'ConcurrentModification', 409]);
}

function delivery(order: StorefrontOrder, key: string, parcelKeys: readonly string[]): DeliveryToWrite {
  const line = order.lineItems[0]!;
  return {
    key,
    items: [{ lineItemId: line.id, quantity: line.quantity }],
    parcels: parcelKeys.map((parcelKey) => ({ key: parcelKey, carrier: 'DHL', trackingId: `TRK-${parcelKey}` })),
  };
}

const parcelKeys = (order: StorefrontOrder): string[][] => order.deliveries.map((d) => d.parcels.map((p) => p.key ?? '?'));

export function commercetoolsOrdersContract(name: string, open: () => Promise<CommercetoolsUnderTest>): void {
  const withProject = withFresh(open);

  async function reread(t: CommercetoolsUnderTest, order: StorefrontOrder): Promise<StorefrontOrder> {
    const found = value(await t.port.getOrder(order.id));
    assert.ok(found, `order ${order.id} is there`);
    return found;
  }

  describe(`CommercetoolsOrderPort contract: ${name}`, () => {
    describe('reads', () => {
      it('reads an order by id and by number, at the same version', withProject(async (t) => {
        const placed = await t.place();
        const byId = await reread(t, placed);
        assert.equal(byId.version, placed.version);
        assert.equal(byId.orderState, 'Open');
        assert.ok(byId.lineItems.length > 0 && byId.orderNumber);
        const byNumber = value(await t.port.getOrderByNumber(byId.orderNumber));
        assert.deepEqual([byNumber?.id, byNumber?.version], [byId.id, byId.version]);
      }));

      it('remembers an order as last read or written, without a call', withProject(async (t) => {
        const placed = await t.place();
        const read = await reread(t, placed);
        assert.equal(t.port.recentOrder(placed.id)?.version, read.version);
        const written = value(await t.port.recordFbaState(read.id, read.version, { sellerFulfillmentOrderId: 'FBA-1', fbaStatus: 'Received' }));
        assert.deepEqual([t.port.recentOrder(placed.id)?.version, t.port.recentOrder(placed.id)?.fields.fbaStatus], [written.version, 'Received']);
        assert.equal(t.port.recentOrder(UNKNOWN_ID), undefined);
      }));

      it('an unknown id or number reads as null, not as a failure', withProject(async (t) => {
        assert.equal(value(await t.port.getOrder(UNKNOWN_ID)), null);
        assert.equal(value(await t.port.getOrderByNumber('NO-SUCH-ORDER')), null);
      }));
    });

    describe('recordFbaState', () => {
      it('writes the fields at the version read and answers the order at its next version', withProject(async (t) => {
        const order = await t.place();
        const written = value(await t.port.recordFbaState(order.id, order.version, { sellerFulfillmentOrderId: 'FBA-1', fbaStatus: 'Received', message: 'all lines to FBA' }));
        assert.ok(written.version > order.version);
        assert.ok(written.lastModifiedAt >= order.lastModifiedAt);
        assert.deepEqual([written.fields.sellerFulfillmentOrderId, written.fields.fbaStatus, written.fields.fbaMessage], ['FBA-1', 'Received', 'all lines to FBA']);
        assert.deepEqual((await reread(t, order)).fields, written.fields);
      }));

      it('at a stale version it is a retryable ConcurrentModification and writes nothing', withProject(async (t) => {
        const order = await t.place();
        const edited = await t.editInStorefront(order);
        assertConcurrentModification(await t.port.recordFbaState(order.id, order.version, { sellerFulfillmentOrderId: 'FBA-1', fbaStatus: 'Received' }));
        const after = await reread(t, order);
        assert.equal(after.version, edited.version);
        assert.equal(after.fields.fbaStatus, undefined);
      }));

      it('recording the same state again writes nothing: the version stays', withProject(async (t) => {
        const order = await t.place();
        const record = { sellerFulfillmentOrderId: 'FBA-1', fbaStatus: 'Received' };
        const first = value(await t.port.recordFbaState(order.id, order.version, record));
        const again = value(await t.port.recordFbaState(order.id, first.version, record));
        assert.equal(again.version, first.version);
        assert.equal((await reread(t, order)).version, first.version);
      }));

      it('a record without a message removes the earlier message', withProject(async (t) => {
        const order = await t.place();
        const noted = value(await t.port.recordFbaState(order.id, order.version, { sellerFulfillmentOrderId: 'FBA-1', fbaStatus: 'New', message: 'waiting for stock' }));
        const later = value(await t.port.recordFbaState(order.id, noted.version, { sellerFulfillmentOrderId: 'FBA-1', fbaStatus: 'Planning' }));
        assert.equal(later.fields.fbaStatus, 'Planning');
        assert.equal('fbaMessage' in (await reread(t, order)).fields, false);
      }));

      it('writing to an order that does not exist is a permanent 404', withProject(async (t) => {
        const error = failureOf(await t.port.recordFbaState(UNKNOWN_ID, 1, { sellerFulfillmentOrderId: 'FBA-1', fbaStatus: 'New' }));
        assert.deepEqual([error.category, error.status], ['permanent', 404]);
      }));
    });

    describe('writeShipments: deliveries, parcels, shipment state and FBA record in one update', () => {
      const ship = (t: CommercetoolsUnderTest, order: StorefrontOrder, version: number, write: Partial<ShipmentWrite>) =>
        t.port.writeShipments(order.id, version, { deliveries: [], parcels: [], ...write });

      it('adds a keyed delivery with its items and tracked parcels', withProject(async (t) => {
        const order = await t.place();
        const written = value(await ship(t, order, order.version, { deliveries: [delivery(order, 'AMZ-SHIP-1', ['AMZ-SHIP-1-1'])] })).order;
        assert.ok(written.version > order.version);
        const [added] = (await reread(t, order)).deliveries;
        assert.equal(added?.key, 'AMZ-SHIP-1');
        assert.deepEqual(added?.items, [{ id: order.lineItems[0]!.id, quantity: order.lineItems[0]!.quantity }]);
        assert.deepEqual(added?.parcels.map((p) => [p.key, p.carrier, p.trackingId]), [['AMZ-SHIP-1-1', 'DHL', 'TRK-AMZ-SHIP-1-1']]);
      }));

      it('writes a delivery, the shipment state and the FBA record in one update', withProject(async (t) => {
        const order = await t.place();
        const written = value(await ship(t, order, order.version, {
          deliveries: [delivery(order, 'AMZ-SHIP-1', ['P-1'])], shipmentState: 'Shipped', fbaRecord: { sellerFulfillmentOrderId: 'FBA-1', fbaStatus: 'Complete' },
        }));
        assert.equal(written.recordProblem, undefined);
        assert.ok(written.order.version > order.version);
        const after = await reread(t, order);
        assert.deepEqual([after.version, after.shipmentState, after.fields.fbaStatus, after.fields.sellerFulfillmentOrderId], [written.order.version, 'Shipped', 'Complete', 'FBA-1']);
        assert.deepEqual(parcelKeys(after), [['P-1']]);
      }));

      it('the same delivery again adds nothing and keeps the version; a new parcel of it is added to it', withProject(async (t) => {
        const order = await t.place();
        const first = value(await ship(t, order, order.version, { deliveries: [delivery(order, 'AMZ-SHIP-1', ['P-1'])], shipmentState: 'Shipped' })).order;
        const same = value(await ship(t, order, first.version, { deliveries: [delivery(order, 'AMZ-SHIP-1', ['P-1'])], shipmentState: 'Shipped' })).order;
        assert.equal(same.version, first.version);
        assert.deepEqual(parcelKeys(same), [['P-1']]);
        const more = value(await ship(t, order, same.version, { deliveries: [delivery(order, 'AMZ-SHIP-1', ['P-1', 'P-2'])] })).order;
        assert.deepEqual(parcelKeys(await reread(t, order)), [['P-1', 'P-2']]);
        assert.ok(more.version > same.version);
      }));

      it('at a stale version it is a retryable ConcurrentModification and nothing is written', withProject(async (t) => {
        const order = await t.place();
        await t.editInStorefront(order);
        assertConcurrentModification(await ship(t, order, order.version, { deliveries: [delivery(order, 'AMZ-SHIP-1', ['P-1'])], shipmentState: 'Shipped' }));
        const after = await reread(t, order);
        assert.deepEqual(after.deliveries, []);
        assert.notEqual(after.shipmentState, 'Shipped');
      }));

      it('adds a parcel to a delivery once; the same parcel key again writes nothing', withProject(async (t) => {
        const order = await t.place();
        const withDelivery = value(await ship(t, order, order.version, { deliveries: [delivery(order, 'AMZ-SHIP-1', [])] })).order;
        const deliveryId = withDelivery.deliveries[0]!.id;
        const parcel = { key: 'P-9', carrier: 'UPS', trackingId: '1Z999' };
        const added = value(await ship(t, order, withDelivery.version, { parcels: [{ deliveryId, parcel }] })).order;
        assert.ok(added.version > withDelivery.version);
        const again = value(await ship(t, order, added.version, { parcels: [{ deliveryId, parcel }] })).order;
        assert.equal(again.version, added.version);
        assert.deepEqual((await reread(t, order)).deliveries[0]?.parcels.map((p) => [p.key, p.carrier, p.trackingId]), [['P-9', 'UPS', '1Z999']]);
      }));

      it('a parcel for a delivery the order does not have is a permanent DeliveryNotFound', withProject(async (t) => {
        const order = await t.place();
        const error = failureOf(await ship(t, order, order.version, { parcels: [{ deliveryId: 'no-such-delivery', parcel: { key: 'P-1', carrier: 'UPS' } }] }));
        assert.deepEqual([error.category, error.code], ['permanent', 'DeliveryNotFound']);
        assert.equal((await reread(t, order)).version, order.version);
      }));

      it('on an order that does not exist it is a permanent 404', withProject(async (t) => {
        const error = failureOf(await t.port.writeShipments(UNKNOWN_ID, 1, { deliveries: [], parcels: [], shipmentState: 'Shipped' }));
        assert.deepEqual([error.category, error.status], ['permanent', 404]);
      }));
    });

    describe('listOrdersModifiedSince', () => {
      /** Every order listed from `since`, page by page; `between` runs after the first page. */
      async function listAll(t: CommercetoolsUnderTest, since: string, pageSize: number, between: () => Promise<void> = async () => {}) {
        const ids: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = value(await t.port.listOrdersModifiedSince(since, cursor, pageSize));
          ids.push(...page.orders.map((o) => o.id));
          cursor = page.cursor;
          pages += 1;
          if (pages === 1) await between();
        } while (cursor !== undefined && pages < 100);
        return { ids, pages };
      }

      const oldestFirst = (orders: readonly StorefrontOrder[]): string[] =>
        [...orders].sort((a, b) => a.lastModifiedAt.localeCompare(b.lastModifiedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((o) => o.id);

      it('lists the orders modified at or after `since`, oldest first, and none modified before', withProject(async (t) => {
        const early = await t.place();
        const orders = [await t.place(), await t.place(), await t.place()];
        const since = orders.map((o) => o.lastModifiedAt).sort()[0]!;
        const listed = await listAll(t, since, 50);
        const expected = oldestFirst([...orders, ...(early.lastModifiedAt >= since ? [early] : [])]);
        assert.deepEqual(listed.ids, expected);
        assert.equal(listed.pages, 1);
        const later = value(await t.port.listOrdersModifiedSince(new Date(Date.parse(orders.map((o) => o.lastModifiedAt).sort().at(-1)!) + 1).toISOString(), undefined, 50));
        assert.deepEqual(later.orders, []);
      }));

      it('`since` in another ISO 8601 form of the same instant lists the same orders', withProject(async (t) => {
        const order = await t.place();
        const instant = Date.parse(order.lastModifiedAt);
        // Whole seconds, written without milliseconds: "…T09:00:00Z" is the same instant as "…T09:00:00.000Z".
        const whole = Math.floor(instant / 1000) * 1000;
        const iso = new Date(whole).toISOString();
        const plain = value(await t.port.listOrdersModifiedSince(iso, undefined, 50));
        const shorter = value(await t.port.listOrdersModifiedSince(iso.replace('.000Z', 'Z'), undefined, 50));
        assert.ok(plain.orders.some((o) => o.id === order.id));
        assert.deepEqual(shorter.orders.map((o) => o.id), plain.orders.map((o) => o.id));
      }));

      it('pages by cursor, and an order modified between pages makes no other order be skipped', withProject(async (t) => {
        const orders = [await t.place(), await t.place(), await t.place(), await t.place()];
        const since = orders.map((o) => o.lastModifiedAt).sort()[0]!;
        const first = oldestFirst(orders)[0]!;
        const listed = await listAll(t, since, 1, async () => {
          const current = orders.find((o) => o.id === first)!;
          await t.editInStorefront(current);
        });
        assert.ok(listed.pages >= orders.length, `one order a page (${listed.pages} pages)`);
        assert.deepEqual([...new Set(listed.ids)].sort(), orders.map((o) => o.id).sort(), 'every order listed, none skipped');
      }));

      it('a cursor it did not issue is a permanent InvalidCursor; a `since` that is no timestamp a permanent InvalidInput', withProject(async (t) => {
        await t.place();
        const cursor = failureOf(await t.port.listOrdersModifiedSince('2025-01-01T00:00:00.000Z', 'not-a-cursor', 10));
        assert.deepEqual([cursor.category, cursor.code], ['permanent', 'InvalidCursor']);
        const since = failureOf(await t.port.listOrdersModifiedSince('yesterday-ish', undefined, 10));
        assert.deepEqual([since.category, since.code], ['permanent', 'InvalidInput']);
      }));
    });
  });
}
