// The FBA stock pool. Creating an order moves units fulfillable → reserved; shipping consumes the
// reservation; cancelling releases it. One pool per SKU (like a Pan-European pool), remembering which
// marketplaces the SKU was registered for so summaries per marketplace list the right SKUs.
import { streamFor, UPPER_ALNUM } from '../seeded-random.js';
import type { SimInventoryItem } from '../state/sim-records.js';
import type { SimulatorState } from '../state/simulator-state.js';

export class InventoryLedger {
  constructor(private readonly state: SimulatorState, private readonly seed: number) {}

  get(sellerSku: string): SimInventoryItem | undefined {
    return this.state.inventory.get(sellerSku);
  }

  /** createInventoryItem: registers the SKU (again) for a marketplace; stock is untouched. */
  createItem(sellerSku: string, marketplaceId: string, productName: string, now: number): SimInventoryItem {
    const existing = this.state.inventory.get(sellerSku);
    if (existing) {
      existing.productName = productName;
      if (!existing.marketplaceIds.includes(marketplaceId)) existing.marketplaceIds.push(marketplaceId);
      existing.lastUpdatedAt = now;
      return existing;
    }
    const ids = streamFor(this.seed, 'sku', sellerSku);
    const item: SimInventoryItem = {
      sellerSku,
      productName,
      asin: `B0${ids.chars(8, UPPER_ALNUM)}`,
      fnSku: `X00${ids.chars(7, UPPER_ALNUM)}`,
      marketplaceIds: [marketplaceId],
      fulfillable: 0,
      reserved: 0,
      lastUpdatedAt: now,
    };
    this.state.inventory.set(sellerSku, item);
    return item;
  }

  addStock(sellerSku: string, quantity: number, now: number): void {
    const item = this.require(sellerSku);
    item.fulfillable += quantity;
    item.lastUpdatedAt = now;
  }

  deleteItem(sellerSku: string): boolean {
    return this.state.inventory.delete(sellerSku);
  }

  available(sellerSku: string): number {
    return this.state.inventory.get(sellerSku)?.fulfillable ?? 0;
  }

  /** Reserves up to `quantity`; answers how many units it could reserve. */
  reserve(sellerSku: string, quantity: number, now: number): number {
    const item = this.state.inventory.get(sellerSku);
    if (!item || quantity <= 0) return 0;
    const taken = Math.min(quantity, item.fulfillable);
    if (taken > 0) {
      item.fulfillable -= taken;
      item.reserved += taken;
      item.lastUpdatedAt = now;
    }
    return taken;
  }

  release(sellerSku: string, quantity: number, now: number): void {
    const item = this.state.inventory.get(sellerSku);
    if (!item || quantity <= 0) return; // deleted meanwhile: the units went with it
    const back = Math.min(quantity, item.reserved);
    item.reserved -= back;
    item.fulfillable += back;
    item.lastUpdatedAt = now;
  }

  /** Shipped units leave the building. */
  consume(sellerSku: string, quantity: number, now: number): void {
    const item = this.state.inventory.get(sellerSku);
    if (!item || quantity <= 0) return;
    item.reserved -= Math.min(quantity, item.reserved);
    item.lastUpdatedAt = now;
  }

  private require(sellerSku: string): SimInventoryItem {
    const item = this.state.inventory.get(sellerSku);
    if (!item) throw new Error(`no inventory item ${sellerSku}`);
    return item;
  }
}
