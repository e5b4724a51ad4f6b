// FBA_INVENTORY_AVAILABILITY_CHANGES, batched per SKU per simulated minute: every change of a SKU
// within one minute (simulated, aligned to the clock) ends in at most one notification, published once
// the minute is over, carrying the figures after the minute's last change. A minute whose changes
// cancel out (reserved, then released) publishes nothing; neither does a new SKU that holds nothing.
import type { SimInventoryItem } from '../state/sim-records.js';
import { MINUTE } from '../time-format.js';
import { fulfillmentInventoryByMarketplace, holdsNothing, type Json } from './notification-json.js';

interface Batch {
  readonly minute: number;
  lastChangeAt: number;
  figures: Json[];
  key: string;
  /** Held nothing at the last change. */
  empty: boolean;
  item: SimInventoryItem;
}

/** One notification to publish: the item, its figures and the moments to stamp on it. */
export interface AvailabilityChange {
  readonly item: SimInventoryItem;
  readonly figures: Json[];
  readonly eventTime: number;
  readonly publishTime: number;
}

export class AvailabilityBatcher {
  readonly #open = new Map<string, Batch>();
  /** What the last notification said per SKU (or the figures at start), to skip non-changes. */
  readonly #lastSent = new Map<string, string>();

  /** SKUs the simulator starts with count as told already: a restart does not flood the listener. */
  constructor(existing: Iterable<SimInventoryItem>) {
    for (const item of existing) this.#lastSent.set(item.sellerSku, JSON.stringify(fulfillmentInventoryByMarketplace(item)));
  }

  /** Records a change; answers the batch it closed, when the change opened the SKU's next minute. */
  changed(item: SimInventoryItem, at: number): AvailabilityChange | undefined {
    const minute = Math.floor(at / MINUTE);
    const figures = fulfillmentInventoryByMarketplace(item);
    const key = JSON.stringify(figures);
    const empty = holdsNothing(item);
    const open = this.#open.get(item.sellerSku);
    // A change reported late (stock events run after order events of the same catch-up) joins the open minute.
    if (open && minute <= open.minute) {
      Object.assign(open, { lastChangeAt: Math.max(open.lastChangeAt, at), figures, key, empty, item });
      return undefined;
    }
    this.#open.set(item.sellerSku, { minute, lastChangeAt: at, figures, key, empty, item });
    return open ? this.#close(open) : undefined;
  }

  /** Closes every batch whose minute is over at `now`, in the order the SKUs first changed. */
  due(now: number): AvailabilityChange[] {
    const out: AvailabilityChange[] = [];
    for (const [sku, batch] of this.#open) {
      if ((batch.minute + 1) * MINUTE > now) continue;
      this.#open.delete(sku);
      const change = this.#close(batch);
      if (change) out.push(change);
    }
    return out;
  }

  #close(batch: Batch): AvailabilityChange | undefined {
    const sku = batch.item.sellerSku;
    const previous = this.#lastSent.get(sku);
    if (previous === batch.key) return undefined;
    if (previous === undefined && batch.empty) {
      this.#lastSent.set(sku, batch.key);
      return undefined;
    }
    this.#lastSent.set(sku, batch.key);
    return { item: batch.item, figures: batch.figures, eventTime: batch.lastChangeAt, publishTime: (batch.minute + 1) * MINUTE };
  }
}
