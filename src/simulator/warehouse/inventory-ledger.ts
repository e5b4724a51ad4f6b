// The FBA stock pool. Creating an order moves units fulfillable → reserved; shipping consumes the
// reservation; cancelling releases it. Amazon marketplace sales reserve and consume the same way;
// inbound shipments move working → shipped → receiving → fulfillable; adjustments move units between
// fulfillable and the unsellable buckets. One pool per SKU (like a Pan-European pool), remembering which
// marketplaces the SKU was registered for so summaries per marketplace list the right SKUs.
// Every change is told to the listeners (notifications, the marketplace-sales process).
import { streamFor, UPPER_ALNUM } from '../seeded-random.js';
import type { SimInventoryItem } from '../state/sim-records.js';
import type { SimulatorState } from '../state/simulator-state.js';

/** Called after every change of an item, with the simulated moment of the change. */
export type StockChangeListener = (item: SimInventoryItem, at: number) => void;

export type InboundBucket = 'inboundWorking' | 'inboundShipped' | 'inboundReceiving';

/** Buckets an adjustment moves units into (positive) or back to fulfillable (negative). */
export const ADJUSTABLE_BUCKETS = ['unfulfillable', 'researching', 'fcProcessing', 'pendingTransshipment'] as const;
export type AdjustableBucket = (typeof ADJUSTABLE_BUCKETS)[number];

export class InventoryLedger {
  readonly #listeners: StockChangeListener[] = [];

  constructor(private readonly state: SimulatorState, private readonly seed: number) {}

  onChange(listener: StockChangeListener): void {
    this.#listeners.push(listener);
  }

  get(sellerSku: string): SimInventoryItem | undefined {
    return this.state.inventory.get(sellerSku);
  }

  /** createInventoryItem: registers the SKU (again) for a marketplace; stock is untouched. */
  createItem(sellerSku: string, marketplaceId: string, productName: string, now: number): SimInventoryItem {
    const existing = this.state.inventory.get(sellerSku);
    if (existing) {
      existing.productName = productName;
      if (!existing.marketplaceIds.includes(marketplaceId)) existing.marketplaceIds.push(marketplaceId);
      this.#changed(existing, now);
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
      pendingTransshipment: 0,
      fcProcessing: 0,
      inboundWorking: 0,
      inboundShipped: 0,
      inboundReceiving: 0,
      unfulfillable: 0,
      researching: 0,
      lastUpdatedAt: now,
    };
    this.state.inventory.set(sellerSku, item);
    this.#changed(item, now);
    return item;
  }

  addStock(sellerSku: string, quantity: number, now: number): void {
    const item = this.require(sellerSku);
    item.fulfillable += quantity;
    this.#changed(item, now);
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
      this.#changed(item, now);
    }
    return taken;
  }

  release(sellerSku: string, quantity: number, now: number): void {
    const item = this.state.inventory.get(sellerSku);
    if (!item || quantity <= 0) return; // deleted meanwhile: the units went with it
    const back = Math.min(quantity, item.reserved);
    item.reserved -= back;
    item.fulfillable += back;
    this.#changed(item, now);
  }

  /** Shipped units leave the building. */
  consume(sellerSku: string, quantity: number, now: number): void {
    const item = this.state.inventory.get(sellerSku);
    if (!item || quantity <= 0) return;
    item.reserved -= Math.min(quantity, item.reserved);
    this.#changed(item, now);
  }

  /**
   * Inbound units enter `to` (from `from`, or from nowhere when a shipment is created); 'fulfillable'
   * means they were received. Only receipt is a change startDateTime detects (see SimInventoryItem).
   */
  moveInbound(sellerSku: string, quantity: number, from: InboundBucket | null, to: InboundBucket | 'fulfillable', now: number): void {
    const item = this.state.inventory.get(sellerSku);
    if (!item || quantity <= 0) return;
    if (from) item[from] -= Math.min(quantity, item[from]);
    item[to] += quantity;
    this.#changed(item, now, to === 'fulfillable');
  }

  /**
   * Moves up to |delta| units from fulfillable into `bucket` (delta > 0: damaged, sidelined, under
   * research) or back (delta < 0). Answers the signed number of units moved.
   */
  adjust(sellerSku: string, bucket: AdjustableBucket, delta: number, now: number): number {
    const item = this.require(sellerSku);
    const moved = delta >= 0 ? Math.min(delta, item.fulfillable) : -Math.min(-delta, item[bucket]);
    if (moved === 0) return 0;
    item.fulfillable -= moved;
    item[bucket] += moved;
    this.#changed(item, now);
    return moved;
  }

  private require(sellerSku: string): SimInventoryItem {
    const item = this.state.inventory.get(sellerSku);
    if (!item) throw new Error(`no inventory item ${sellerSku}`);
    return item;
  }

  #changed(item: SimInventoryItem, at: number, detected = true): void {
    // Events of one catch-up are not strictly in time order (orders first, then stock): never go back.
    if (detected) item.lastUpdatedAt = Math.max(item.lastUpdatedAt, at);
    for (const listener of this.#listeners) listener(item, at);
  }
}
