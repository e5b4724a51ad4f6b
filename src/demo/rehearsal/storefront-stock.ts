// What the storefront believes it may sell: commercetools' inventory entries (as the bridge last wrote
// them), less the units sold on this storefront since that write — what commercetools' ReserveOnOrder
// would subtract. Re-read every second; also the source of the stock probes' "written" moments.
import type { CommercetoolsApi } from '../../adapters/commercetools/ct-api-client.js';

export interface EntryView {
  readonly quantityOnStock: number;
  readonly lastModifiedMs: number;
}

export class StorefrontStock {
  readonly #api: CommercetoolsApi;
  readonly #channelKeyById = new Map<string, string>();
  #entries = new Map<string, EntryView>();
  readonly #sold: Array<{ key: string; atMs: number; units: number }> = [];

  constructor(api: CommercetoolsApi, channelIdsByKey: ReadonlyMap<string, string>) {
    this.#api = api;
    for (const [key, id] of channelIdsByKey) this.#channelKeyById.set(id, key);
  }

  async refresh(): Promise<void> {
    const next = new Map<string, EntryView>();
    let offset = 0;
    for (;;) {
      const page = (await this.#api.inventory().get({ queryArgs: { limit: 500, offset, sort: 'id asc' } }).execute()).body;
      for (const e of page.results) {
        const channel = e.supplyChannel ? this.#channelKeyById.get(e.supplyChannel.id) : undefined;
        if (channel) next.set(`${e.sku}|${channel}`, { quantityOnStock: e.quantityOnStock, lastModifiedMs: Date.parse(e.lastModifiedAt) });
      }
      offset += page.results.length;
      if (page.results.length < 500) break;
    }
    this.#entries = next;
    // Sales older than every entry's last write are in the bridge's figures now.
    const oldest = Math.min(...[...next.values()].map((e) => e.lastModifiedMs));
    while (this.#sold.length > 0 && this.#sold[0]!.atMs < oldest) this.#sold.shift();
  }

  entry(sku: string, channel: string): EntryView | undefined {
    return this.#entries.get(`${sku}|${channel}`);
  }

  /** Units a customer may still buy on this channel; 0 when commercetools has no entry for it. */
  available(sku: string, channel: string): number {
    const e = this.entry(sku, channel);
    if (!e) return 0;
    const key = `${sku}|${channel}`;
    const soldSince = this.#sold.filter((s) => s.key === key && s.atMs >= e.lastModifiedMs).reduce((n, s) => n + s.units, 0);
    return Math.max(0, e.quantityOnStock - soldSince);
  }

  sold(sku: string, channel: string, units: number, atMs: number): void {
    this.#sold.push({ key: `${sku}|${channel}`, atMs, units });
  }

  /** The latest write among the SKU's entries on any channel (epoch ms), or null. */
  lastWrite(sku: string): number | null {
    let latest: number | null = null;
    for (const [key, e] of this.#entries) if (key.startsWith(`${sku}|`) && (latest === null || e.lastModifiedMs > latest)) latest = e.lastModifiedMs;
    return latest;
  }

  get size(): number {
    return this.#entries.size;
  }
}
