// Stock moving with simulated time, apart from orders: inbound shipments advancing a stage, Amazon
// marketplace sales arriving, and those sales shipping. One heap of timed events, run in time order
// whenever the warehouse catches up, so the outcome does not depend on how often anyone looks.
import type { SimInboundShipment, SimInventoryItem, SimMarketplaceSale } from '../state/sim-records.js';
import type { SimulatorState } from '../state/simulator-state.js';
import { EventHeap } from './event-heap.js';
import { createInboundShipment, nextInboundStep, stepInbound } from './inbound-shipments.js';
import type { InventoryLedger } from './inventory-ledger.js';
import { gapToSale, marketplaceSale, unitsWanted } from './marketplace-sales.js';
import { DEFAULT_MARKETPLACE_ID } from './marketplaces.js';

type StockEvent =
  | { readonly kind: 'inbound'; readonly shipmentId: string }
  | { readonly kind: 'customer'; readonly sellerSku: string; readonly k: number }
  | { readonly kind: 'ships'; readonly amazonOrderId: string };

export interface StockTimelineDeps {
  readonly seed: number;
  readonly state: SimulatorState;
  readonly ledger: InventoryLedger;
  /** Amazon marketplace sales per SKU per simulated hour; 0 switches them off. */
  readonly marketplaceSalesPerHour: number;
  /** Simulated now at start: restored shipments and sales are rescheduled, SKUs join the sales. */
  readonly now: number;
}

export class StockTimeline {
  readonly #deps: StockTimelineDeps;
  readonly #heap = new EventHeap<StockEvent>();
  /** Per SKU: the number of its next customer, and whether that customer is scheduled. */
  readonly #customers = new Map<string, { k: number; scheduled: boolean }>();

  constructor(deps: StockTimelineDeps) {
    if (!(deps.marketplaceSalesPerHour >= 0) || !Number.isFinite(deps.marketplaceSalesPerHour)) {
      throw new RangeError(`marketplaceSalesPerHour must be a number ≥ 0, got ${deps.marketplaceSalesPerHour}`);
    }
    this.#deps = deps;
    for (const shipment of deps.state.inbound.values()) this.#scheduleInbound(shipment);
    for (const sale of deps.state.marketplaceSales.values()) this.#heap.push(sale.shipsAt, { kind: 'ships', amazonOrderId: sale.amazonOrderId });
    for (const item of deps.state.inventory.values()) this.#joinSales(item, deps.now);
    deps.ledger.onChange((item, at) => this.#joinSales(item, at));
  }

  get marketplaceSalesPerHour(): number {
    return this.#deps.marketplaceSalesPerHour;
  }

  /** A new inbound shipment; its units count as inbound-working at once. */
  addInbound(sellerSku: string, quantity: number, arriveAfterMs: number, now: number): SimInboundShipment {
    const { state, ledger, seed } = this.#deps;
    state.counters.inboundShipments += 1;
    let shipment = createInboundShipment(seed, state.counters.inboundShipments, sellerSku, quantity, arriveAfterMs, now);
    for (let n = 1; state.inbound.has(shipment.shipmentId); n++) {
      shipment = createInboundShipment(seed, state.counters.inboundShipments * 1000 + n, sellerSku, quantity, arriveAfterMs, now);
    }
    state.inbound.set(shipment.shipmentId, shipment);
    ledger.moveInbound(sellerSku, quantity, null, 'inboundWorking', now);
    this.#scheduleInbound(shipment);
    return shipment;
  }

  /** A sale on Amazon's marketplace now (admin API); undefined when nothing is fulfillable. */
  sellNow(sellerSku: string, quantity: number, now: number): SimMarketplaceSale | undefined {
    this.#deps.state.counters.marketplaceSales += 1;
    return this.#sell(sellerSku, quantity, now, `admin|${this.#deps.state.counters.marketplaceSales}`);
  }

  /** Runs every event due at or before `now`, in time order. */
  runDue(now: number): void {
    for (let event = this.#heap.popDue(now); event; event = this.#heap.popDue(now)) this.#run(event.value, event.at);
  }

  #run(event: StockEvent, at: number): void {
    const { state, ledger, seed } = this.#deps;
    switch (event.kind) {
      case 'inbound': {
        const shipment = state.inbound.get(event.shipmentId);
        if (!shipment) return;
        stepInbound(ledger, shipment, at);
        this.#scheduleInbound(shipment);
        return;
      }
      case 'ships': {
        const sale = state.marketplaceSales.get(event.amazonOrderId);
        if (!sale) return;
        state.marketplaceSales.delete(sale.amazonOrderId);
        // Kept for the settlement period it ships in (the settlement posts a sale when it ships).
        state.shippedSales.push({ ...sale, shippedAt: at, marketplaceId: ledger.get(sale.sellerSku)?.marketplaceIds[0] ?? DEFAULT_MARKETPLACE_ID });
        ledger.consume(sale.sellerSku, sale.quantity, at);
        return;
      }
      case 'customer': {
        const cursor = this.#customers.get(event.sellerSku);
        if (!cursor) return;
        cursor.scheduled = false;
        cursor.k = event.k + 1;
        if (!ledger.get(event.sellerSku)) return; // deleted: it rejoins if it is created again
        // The next customer is scheduled before this one buys (buying is a change that would join again).
        this.#scheduleCustomer(event.sellerSku, cursor, at);
        this.#sell(event.sellerSku, unitsWanted(seed, event.sellerSku, event.k), at, `${event.sellerSku}|${event.k}`);
      }
    }
  }

  #sell(sellerSku: string, wanted: number, at: number, subject: string): SimMarketplaceSale | undefined {
    const { state, ledger, seed } = this.#deps;
    const quantity = Math.min(wanted, ledger.available(sellerSku));
    if (quantity <= 0) return undefined;
    let sale = marketplaceSale(seed, subject, sellerSku, quantity, at);
    for (let n = 1; state.marketplaceSales.has(sale.amazonOrderId); n++) sale = marketplaceSale(seed, `${subject}|${n}`, sellerSku, quantity, at);
    ledger.reserve(sellerSku, quantity, at);
    state.marketplaceSales.set(sale.amazonOrderId, sale);
    state.counters.unitsSoldOnMarketplace += quantity;
    this.#heap.push(sale.shipsAt, { kind: 'ships', amazonOrderId: sale.amazonOrderId });
    return sale;
  }

  #scheduleInbound(shipment: SimInboundShipment): void {
    const at = nextInboundStep(shipment);
    if (at !== undefined) this.#heap.push(at, { kind: 'inbound', shipmentId: shipment.shipmentId });
  }

  /** A SKU takes part in marketplace sales from the moment the simulator first sees it. */
  #joinSales(item: SimInventoryItem, at: number): void {
    if (this.#deps.marketplaceSalesPerHour <= 0) return;
    let cursor = this.#customers.get(item.sellerSku);
    if (!cursor) {
      cursor = { k: 0, scheduled: false };
      this.#customers.set(item.sellerSku, cursor);
    }
    if (!cursor.scheduled) this.#scheduleCustomer(item.sellerSku, cursor, at);
  }

  #scheduleCustomer(sellerSku: string, cursor: { k: number; scheduled: boolean }, from: number): void {
    cursor.scheduled = true;
    this.#heap.push(from + gapToSale(this.#deps.seed, sellerSku, cursor.k, this.#deps.marketplaceSalesPerHour), { kind: 'customer', sellerSku, k: cursor.k });
  }
}
