// Amazon's settlement reports, made from the simulator's own activity. Amazon closes a settlement
// period about every 14 days and posts a GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2 report per
// marketplace; sellers cannot request one, they find it with getReports. Here a period closes every
// `periodDays` simulated days (or at once through the admin API), and each marketplace with activity
// or stock gets a report holding:
// - the FBA fee of every Multi-Channel shipment that left an FC in the period (marketplace-name
//   "Non-Amazon <country>", merchant-order-id = sellerFulfillmentOrderId, merchant-order-item-id =
//   sellerFulfillmentOrderItemId, Principal 0.00, FBAPerUnitFulfillmentFee per unit);
// - every Amazon-marketplace sale that shipped in the period: Principal, Tax, the tax Amazon withholds
//   as marketplace facilitator, Commission and FBAPerUnitFulfillmentFee;
// - the refunds of sales settled in earlier periods: a seeded share (`refundRate`) of the sales is
//   refunded at a seeded moment after the close of the period that settled them, and shows in the
//   period holding that moment as Refund rows (same order-id, Principal/Tax reversed, the withheld tax
//   given back, Commission returned and RefundCommission charged: 20 % of it, at most 5.00);
// - the storage fee (per unit held at the close) and the subscription fee;
// - the reserve carried over from the last period and the reserve held back now;
// and a total that is exactly the sum of its rows. Row shapes follow settlement-generator.ts (the real
// DE file in ../shared/fixtures/settlement); prices and fees per SKU are drawn from the seed.
// Docs: ../shared/docs/amazon-facts.md, "Reports 2021-06-30" and "Settlement report, flat file V2".
import { formatMinorUnits } from '../../domain/shared/money.js';
import { V2_COLUMNS, type SettlementColumn } from '../../domain/settlements/settlement-columns.js';
import { DIGITS, MIXED_ALNUM, streamFor } from '../seeded-random.js';
import type { SimOrder, SimPendingRefund, SimReport, SimShippedSale } from '../state/sim-records.js';
import type { SimulatorState } from '../state/simulator-state.js';
import { DAY, HOUR, MINUTE } from '../time-format.js';
import { countryOf, currencyOf } from '../warehouse/marketplaces.js';

export const SETTLEMENT_REPORT_TYPE = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';
export const DEFAULT_SETTLEMENT_DAYS = 14;
/** Share of Amazon-marketplace sales refunded in a later period. */
export const DEFAULT_REFUND_RATE = 0.05;

interface Country {
  readonly marketplaceName: string;
  readonly taxPercent: number;
  readonly withheld: string;
  readonly subscriptionFee: number;
}

// Marketplace-facilitator tax: "…Tax-Principal" in North America, "…VAT-Principal" in Europe (real files).
const COUNTRIES: Readonly<Record<string, Country>> = {
  US: { marketplaceName: 'Amazon.com', taxPercent: 8, withheld: 'MarketplaceFacilitatorTax-Principal', subscriptionFee: 3999 },
  CA: { marketplaceName: 'Amazon.ca', taxPercent: 13, withheld: 'MarketplaceFacilitatorTax-Principal', subscriptionFee: 2999 },
  MX: { marketplaceName: 'Amazon.com.mx', taxPercent: 16, withheld: 'MarketplaceFacilitatorTax-Principal', subscriptionFee: 60000 },
  GB: { marketplaceName: 'Amazon.co.uk', taxPercent: 20, withheld: 'MarketplaceFacilitatorVAT-Principal', subscriptionFee: 2500 },
  DE: { marketplaceName: 'Amazon.de', taxPercent: 19, withheld: 'MarketplaceFacilitatorVAT-Principal', subscriptionFee: 3900 },
  FR: { marketplaceName: 'Amazon.fr', taxPercent: 20, withheld: 'MarketplaceFacilitatorVAT-Principal', subscriptionFee: 3900 },
  IT: { marketplaceName: 'Amazon.it', taxPercent: 22, withheld: 'MarketplaceFacilitatorVAT-Principal', subscriptionFee: 3900 },
  ES: { marketplaceName: 'Amazon.es', taxPercent: 21, withheld: 'MarketplaceFacilitatorVAT-Principal', subscriptionFee: 3900 },
  NL: { marketplaceName: 'Amazon.nl', taxPercent: 21, withheld: 'MarketplaceFacilitatorVAT-Principal', subscriptionFee: 3900 },
  JP: { marketplaceName: 'Amazon.co.jp', taxPercent: 10, withheld: 'MarketplaceFacilitatorVAT-Principal', subscriptionFee: 4900 },
};

/** Storage fee per unit held at the close, minor units per period. */
const STORAGE_PER_UNIT = 3;
/** Share of the period's Amazon sales (principal + tax) held back as reserve, percent. */
const RESERVE_PERCENT = 15;
const COMMISSION_PERCENT = 15;
/** RefundCommission: this share of the commission given back, at most 5.00 in the currency (Amazon's rule). */
const REFUND_COMMISSION_PERCENT = 20;
const REFUND_COMMISSION_CAP_UNITS = 5;

/** A row before it is written: amounts in minor units. */
interface Entry {
  readonly at: number;
  readonly values: Partial<Record<SettlementColumn, string>>;
  readonly amount: number;
}

/** Price and FBA fee of a SKU in the marketplace's currency (minor units), from the seed. */
export function skuEconomics(seed: number, sellerSku: string, currency: string): { price: number; fbaFee: number } {
  const draw = streamFor(seed, 'settlement-sku', sellerSku);
  const price = draw.int(699, 4999);
  const fbaFee = draw.int(250, 520);
  const scale = currency === 'MXN' ? 20 : 1;
  return { price: price * scale, fbaFee: fbaFee * scale };
}

export interface SettlementClerkDeps {
  readonly seed: number;
  readonly state: SimulatorState;
  readonly periodDays: number;
  /** Share (0–1) of Amazon-marketplace sales refunded in a later period; default DEFAULT_REFUND_RATE. */
  readonly refundRate?: number;
}

export class SettlementClerk {
  readonly #deps: SettlementClerkDeps;
  readonly #listeners: Array<(report: SimReport) => void> = [];

  constructor(deps: SettlementClerkDeps, now: number) {
    if (!(deps.periodDays > 0) || !Number.isFinite(deps.periodDays)) throw new RangeError(`settlementDays must be a number > 0, got ${deps.periodDays}`);
    const rate = deps.refundRate ?? DEFAULT_REFUND_RATE;
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`refundRate must be a number between 0 and 1, got ${rate}`);
    this.#deps = deps;
    deps.state.settlement.periodStart ??= now;
  }

  /** Told of every report made (REPORT_PROCESSING_FINISHED notifications). */
  onReport(listener: (report: SimReport) => void): void {
    this.#listeners.push(listener);
  }

  get periodMs(): number {
    return this.#deps.periodDays * DAY;
  }

  /** Closes every period that ended at or before `now`; answers the reports made. */
  catchUp(now: number): SimReport[] {
    const made: SimReport[] = [];
    const book = this.#deps.state.settlement;
    for (let start = book.periodStart ?? now; start + this.periodMs <= now; start = book.periodStart ?? now) {
      made.push(...this.close(start + this.periodMs));
    }
    return made;
  }

  /** Closes the open period at `end` (≥ its start): one report per marketplace with activity or stock. */
  close(end: number): SimReport[] {
    const { state } = this.#deps;
    const start = state.settlement.periodStart ?? end;
    const shipped = [...state.orders.values()].flatMap((order) => shipmentsIn(order, start, end));
    const sales = state.shippedSales.filter((s) => s.shippedAt < end);
    state.shippedSales = state.shippedSales.filter((s) => s.shippedAt >= end);
    const pending = state.settlement.pendingRefunds ?? [];
    const refunds = pending.filter((r) => r.refundAt < end);
    state.settlement.pendingRefunds = [...pending.filter((r) => r.refundAt >= end), ...sales.flatMap((sale) => this.#refundOf(sale, end))];
    const marketplaces = new Set<string>([
      ...shipped.map((s) => s.order.marketplaceId), ...sales.map((s) => s.marketplaceId), ...refunds.map((r) => r.marketplaceId),
      ...[...state.inventory.values()].flatMap((item) => item.marketplaceIds),
    ]);
    const made: SimReport[] = [];
    for (const marketplaceId of [...marketplaces].sort()) {
      made.push(this.#report(marketplaceId, start, end,
        shipped.filter((s) => s.order.marketplaceId === marketplaceId), sales.filter((s) => s.marketplaceId === marketplaceId),
        refunds.filter((r) => r.marketplaceId === marketplaceId)));
    }
    state.settlement.periodStart = end;
    for (const report of made) for (const listener of this.#listeners) listener(report);
    return made;
  }

  /**
   * Whether the customer returns a sale settled in the period closing at `end` (drawn from the seed and the
   * order): refunded at a moment within one period length after the close, so in a later settlement.
   */
  #refundOf(sale: SimShippedSale, end: number): SimPendingRefund[] {
    const draw = streamFor(this.#deps.seed, 'settlement-refund', sale.amazonOrderId);
    if (!(draw.next() < (this.#deps.refundRate ?? DEFAULT_REFUND_RATE))) return [];
    const delay = draw.between(HOUR, Math.max(HOUR, this.periodMs - HOUR));
    return [{ ...sale, refundAt: end + Math.floor(delay / 1000) * 1000 }];
  }

  #report(marketplaceId: string, start: number, end: number, shipped: readonly ShippedLine[], sales: readonly SimShippedSale[],
    refunds: readonly SimPendingRefund[]): SimReport {
    const { state, seed } = this.#deps;
    state.counters.reports += 1;
    const n = state.counters.reports;
    const draw = streamFor(seed, 'settlement-report', n);
    const settlementId = `1${draw.chars(10, DIGITS)}`;
    const reportId = `5${draw.chars(10, DIGITS)}`;
    const hex = draw.chars(32, '0123456789abcdef');
    const reportDocumentId = `amzn1.spdoc.1.4.na.${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}.T${draw.chars(14, MIXED_ALNUM)}`;
    const country = COUNTRIES[countryOf(marketplaceId)] ?? COUNTRIES.US!;
    const currency = currencyOf(marketplaceId);
    const fractionDigits = currency === 'JPY' ? 0 : 2;
    const entries: Entry[] = [];
    const other = (description: string, amount: number, at: number): Entry =>
      ({ at, amount, values: { 'transaction-type': 'other-transaction', 'amount-type': 'other-transaction', 'amount-description': description } });

    const previousReserve = state.settlement.reserves[marketplaceId] ?? 0;
    if (previousReserve > 0) entries.push(other('Previous Reserve Amount Balance', previousReserve, start));
    for (const line of shipped) {
      const fee = skuEconomics(seed, line.sellerSku, currency).fbaFee * line.quantity;
      const id = line.order.sellerFulfillmentOrderId;
      const values = {
        'transaction-type': 'Order', 'order-id': id, 'merchant-order-id': id, 'shipment-id': line.amazonShipmentId,
        'marketplace-name': `Non-Amazon ${countryOf(marketplaceId)}`, 'fulfillment-id': 'AFN',
        'order-item-code': streamFor(seed, 'settlement-item', id, line.sellerFulfillmentOrderItemId, line.amazonShipmentId).chars(14, DIGITS),
        'merchant-order-item-id': line.sellerFulfillmentOrderItemId, sku: line.sellerSku, 'quantity-purchased': String(line.quantity),
      } as const;
      entries.push({ at: line.shippedAt, amount: 0, values: { ...values, 'amount-type': 'ItemPrice', 'amount-description': 'Principal' } });
      entries.push({ at: line.shippedAt, amount: -fee, values: { ...values, 'amount-type': 'ItemFees', 'amount-description': 'FBAPerUnitFulfillmentFee' } });
    }
    let reserveBase = 0;
    for (const sale of sales) {
      const { price, fbaFee } = skuEconomics(seed, sale.sellerSku, currency);
      const principal = price * sale.quantity;
      const tax = percent(principal, country.taxPercent);
      const commission = percent(principal + tax, COMMISSION_PERCENT);
      reserveBase += principal + tax;
      const values = {
        'transaction-type': 'Order', 'order-id': sale.amazonOrderId, 'merchant-order-id': sale.amazonOrderId,
        'shipment-id': streamFor(seed, 'settlement-shipment', sale.amazonOrderId).chars(9, MIXED_ALNUM),
        'marketplace-name': country.marketplaceName, 'fulfillment-id': 'AFN',
        'order-item-code': streamFor(seed, 'settlement-item', sale.amazonOrderId).chars(14, DIGITS),
        sku: sale.sellerSku, 'quantity-purchased': String(sale.quantity),
      } as const;
      const add = (amountType: string, amountDescription: string, amount: number): void => {
        entries.push({ at: sale.shippedAt, amount, values: { ...values, 'amount-type': amountType, 'amount-description': amountDescription } });
      };
      add('ItemPrice', 'Principal', principal);
      add('ItemPrice', 'Tax', tax);
      add('ItemWithheldTax', country.withheld, -tax);
      add('ItemFees', 'FBAPerUnitFulfillmentFee', -fbaFee * sale.quantity);
      add('ItemFees', 'Commission', -commission);
    }
    for (const refund of refunds) {
      const { price } = skuEconomics(seed, refund.sellerSku, currency);
      const principal = price * refund.quantity;
      const tax = percent(principal, country.taxPercent);
      const commission = percent(principal + tax, COMMISSION_PERCENT);
      const refundCommission = Math.min(REFUND_COMMISSION_CAP_UNITS * 10 ** fractionDigits, percent(commission, REFUND_COMMISSION_PERCENT));
      const adjustment = streamFor(seed, 'settlement-adjustment', refund.amazonOrderId);
      const values = {
        'transaction-type': 'Refund', 'order-id': refund.amazonOrderId, 'merchant-order-id': refund.amazonOrderId,
        'adjustment-id': `amzn1:crow:${adjustment.chars(22, MIXED_ALNUM)}`,
        'marketplace-name': country.marketplaceName, 'fulfillment-id': 'AFN',
        'order-item-code': streamFor(seed, 'settlement-item', refund.amazonOrderId).chars(14, DIGITS),
        'merchant-adjustment-item-id': adjustment.chars(19, DIGITS), sku: refund.sellerSku,
      } as const;
      const at = Math.max(start, refund.refundAt);
      const add = (amountType: string, amountDescription: string, amount: number): void => {
        entries.push({ at, amount, values: { ...values, 'amount-type': amountType, 'amount-description': amountDescription } });
      };
      add('ItemPrice', 'Principal', -principal);
      add('ItemPrice', 'Tax', -tax);
      add('ItemWithheldTax', country.withheld, tax);
      add('ItemFees', 'Commission', commission);
      add('ItemFees', 'RefundCommission', -refundCommission);
    }
    // A pooled SKU's storage is charged once, in its first marketplace.
    const units = [...state.inventory.values()].filter((item) => item.marketplaceIds[0] === marketplaceId)
      .reduce((sum, item) => sum + item.fulfillable + item.reserved + item.unfulfillable + item.researching + item.fcProcessing + item.pendingTransshipment, 0);
    const feesAt = Math.max(start, end - HOUR);
    if (units > 0) entries.push(other('Storage Fee', -units * STORAGE_PER_UNIT, feesAt));
    entries.push(other('Subscription Fee', -country.subscriptionFee, feesAt));
    const reserve = percent(reserveBase, RESERVE_PERCENT);
    if (reserve > 0) entries.push(other('Current Reserve Amount', -reserve, Math.max(start, end - MINUTE)));
    state.settlement.reserves[marketplaceId] = reserve;
    entries.sort((a, b) => a.at - b.at);

    const total = entries.reduce((sum, e) => sum + e.amount, 0);
    const money = (minor: number): string => formatMinorUnits(minor + 0, fractionDigits);
    const lines = [V2_COLUMNS.join('\t'), row({
      'settlement-id': settlementId, 'settlement-start-date': dateTime(start), 'settlement-end-date': dateTime(end),
      'deposit-date': dateTime(end + 2 * DAY), 'total-amount': money(total), currency,
    })];
    for (const e of entries) {
      lines.push(row({ ...e.values, 'settlement-id': settlementId, amount: money(e.amount), 'posted-date': dateTime(e.at).slice(0, 10), 'posted-date-time': dateTime(e.at) }));
    }
    const report: SimReport = {
      reportId, reportType: SETTLEMENT_REPORT_TYPE, marketplaceIds: [marketplaceId], createdAt: end, dataStartAt: start, dataEndAt: end,
      reportDocumentId, settlementId, document: lines.join('\n') + '\n',
    };
    state.reports.set(reportId, report);
    return report;
  }
}

interface ShippedLine {
  readonly order: SimOrder;
  readonly amazonShipmentId: string;
  readonly sellerSku: string;
  readonly sellerFulfillmentOrderItemId: string;
  readonly quantity: number;
  readonly shippedAt: number;
}

/** The order's shipment lines that left an FC in [start, end). */
function shipmentsIn(order: SimOrder, start: number, end: number): ShippedLine[] {
  return order.shipments.flatMap((shipment) => {
    const at = shipment.shippedAt;
    if (at === undefined || at < start || at >= end) return [];
    return shipment.items.map((item) => ({
      order, amazonShipmentId: shipment.amazonShipmentId, sellerSku: item.sellerSku,
      sellerFulfillmentOrderItemId: item.sellerFulfillmentOrderItemId, quantity: item.quantity, shippedAt: at,
    }));
  });
}

const AT = new Map<SettlementColumn, number>(V2_COLUMNS.map((c, i) => [c, i]));

function row(values: Partial<Record<SettlementColumn, string>>): string {
  const cells = new Array<string>(V2_COLUMNS.length).fill('');
  for (const [column, value] of Object.entries(values) as Array<[SettlementColumn, string | undefined]>) {
    const index = AT.get(column);
    if (index !== undefined && value !== undefined) cells[index] = value;
  }
  return cells.join('\t');
}

/** `2025-03-03 09:00:00 UTC`, as V2 files in the decimal-point locale write dates. */
function dateTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** `value` × `p` %, rounded half up, in integers. */
function percent(value: number, p: number): number {
  return Math.floor((value * p + 50) / 100);
}
