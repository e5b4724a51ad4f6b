// The AmazonInventoryPort contract (stock levels of given SKUs): run against FakeAmazonInventory, which
// the order flow's known-SKU cache reads in flow tests, and against SpApiInventoryClient talking to the
// SP-API simulator over loopback HTTP (amazon-inventory.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CallPriority, type AmazonInventoryPort } from '../../src/ports/amazon-fulfillment.js';
import { value, withFresh } from './contract-support.js';

export interface InventoryUnderTest {
  readonly port: AmazonInventoryPort;
  readonly marketplaceId: string;
  /** The SKU is in FBA with this many fulfillable units. */
  stock(sellerSku: string, units: number): Promise<void>;
  dispose(): Promise<void>;
}

const call = { priority: CallPriority.inventory };

export function amazonInventoryContract(name: string, open: () => Promise<InventoryUnderTest>): void {
  const withInventory = withFresh(open);

  const levels = async (t: InventoryUnderTest, skus: readonly string[]) =>
    value(await t.port.getStockLevels(t.marketplaceId, skus, call))
      .map((l) => [l.sellerSku, l.fulfillableQuantity, l.totalQuantity] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  describe(`AmazonInventoryPort contract: ${name}`, () => {
    it('answers the stock of the SKUs FBA knows, an empty one included, and leaves unknown SKUs out', withInventory(async (t) => {
      await t.stock('MUG-RED', 7);
      await t.stock('MUG-EMPTY', 0);
      assert.deepEqual(await levels(t, ['MUG-RED', 'NOT-IN-FBA', 'MUG-EMPTY']), [['MUG-EMPTY', 0, 0], ['MUG-RED', 7, 7]]);
    }));

    it('a SKU asked for twice is answered once; no SKUs asked, no stock answered', withInventory(async (t) => {
      await t.stock('MUG-RED', 3);
      assert.deepEqual(await levels(t, ['MUG-RED', 'MUG-RED']), [['MUG-RED', 3, 3]]);
      assert.deepEqual(await levels(t, []), []);
    }));

    it('answers more SKUs than Amazon takes in one request (50)', withInventory(async (t) => {
      const skus = Array.from({ length: 120 }, (_, i) => `SKU-${String(i).padStart(3, '0')}`);
      for (const [i, sku] of skus.entries()) await t.stock(sku, 1 + (i % 4));
      const answered = await levels(t, skus);
      assert.deepEqual(answered, skus.map((sku, i) => [sku, 1 + (i % 4), 1 + (i % 4)]));
    }));
  });
}
