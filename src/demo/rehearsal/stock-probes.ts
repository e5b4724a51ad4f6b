// FBA stock changes the rehearsal makes on SKUs nothing else touches (no orders, no marketplace sales),
// so the first commercetools write for such a SKU after the change is the bridge passing that change on.
// Half the probe SKUs reach the bridge by notification; the relay drops the others' notifications, so
// only the bridge's polling finds them. One change per SKU at a time.
import type { StorefrontStock } from './storefront-stock.js';

export interface ProbeSample {
  readonly sku: string;
  readonly channel: 'notified' | 'polling';
  readonly changedMs: number;
  /** null: not written by the end of the run. */
  readonly writtenMs: number | null;
}

export class StockProbes {
  readonly samples: ProbeSample[] = [];
  readonly #open = new Map<string, { changedMs: number; channel: 'notified' | 'polling' }>();
  #direction = new Map<string, number>();

  constructor(
    private readonly simulatorUrl: string,
    private readonly notified: readonly string[],
    private readonly pollingOnly: readonly string[],
  ) {}

  /** Changes the stock of every probe SKU that has no change in flight. */
  async change(): Promise<void> {
    const all = [...this.notified.map((sku) => [sku, 'notified'] as const), ...this.pollingOnly.map((sku) => [sku, 'polling'] as const)];
    for (const [sku, channel] of all) {
      if (this.#open.has(sku)) continue;
      // Alternately 5 units to unfulfillable and back: the pool's figure moves, the SKU never runs dry.
      const quantity = (this.#direction.get(sku) ?? 1) * 5;
      this.#direction.set(sku, -(this.#direction.get(sku) ?? 1));
      const changedMs = Date.now();
      const res = await fetch(`${this.simulatorUrl}/_simulator/inventory/adjust`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sellerSku: sku, bucket: 'unfulfillable', quantity }),
      });
      if (!res.ok) throw new Error(`the simulator refused a stock change for ${sku}: HTTP ${res.status} ${await res.text()}`);
      this.#open.set(sku, { changedMs, channel });
    }
  }

  /** Closes the changes whose SKU commercetools has written since. */
  observe(stock: StorefrontStock): void {
    for (const [sku, open] of this.#open) {
      const written = stock.lastWrite(sku);
      if (written !== null && written > open.changedMs) {
        this.samples.push({ sku, channel: open.channel, changedMs: open.changedMs, writtenMs: written });
        this.#open.delete(sku);
      }
    }
  }

  get inFlight(): number {
    return this.#open.size;
  }

  /** The changes still unwritten, closed as such. */
  finish(): void {
    for (const [sku, open] of this.#open) this.samples.push({ sku, channel: open.channel, changedMs: open.changedMs, writtenMs: null });
    this.#open.clear();
  }
}
