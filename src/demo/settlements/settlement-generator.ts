// Generated settlement files: deterministic (same options → same bytes), in both flat-file formats
// and both locales, as large as wanted, streamed line by line. They carry what a bridge seller's
// settlement holds: Multi-Channel Fulfillment orders of the storefront (marketplace "Non-Amazon …",
// principal 0, FBAPerUnitFulfillmentFee per item, merchant-order-id = the sellerFulfillmentOrderId,
// merchant-order-item-id = the line item id), Amazon-marketplace orders (price, VAT withheld by Amazon,
// commission, FBA fee, sometimes shipping and a promotion), refunds with RefundCommission, the
// storage and subscription fees, and the reserve carried over and held back.
// Row shapes follow the real DE file in ../shared/fixtures/settlement; MCF order-id (set to the
// merchant-order-id here) is unverified. Used by tests, the committed fixtures and bench/settlement.
import { sellerFulfillmentOrderIdFor } from '../../domain/orders/seller-fulfillment-order-id.js';
import { formatMinorUnits } from '../../domain/shared/money.js';
import type { SettlementLocale } from '../../domain/settlements/settlement-amount.js';
import { LEGACY_COLUMNS, V2_COLUMNS, type SettlementColumn } from '../../domain/settlements/settlement-columns.js';
import type { SettlementFormat, SettlementRow } from '../../domain/settlements/settlement-types.js';

export type GeneratedMarket = 'DE' | 'US';

export interface SettlementGeneratorOptions {
  readonly format: SettlementFormat;
  readonly market: GeneratedMarket;
  /** Default: the market's (DE decimal-comma, US decimal-point). */
  readonly locale?: SettlementLocale;
  readonly seed: number;
  /** Detail rows wanted; the order that reaches the number is finished (a few rows more). */
  readonly detailRows: number;
  readonly settlementId?: string;
  /** First day of the 14-day period, `YYYY-MM-DD`. */
  readonly startDate?: string;
  readonly lineEnding?: '\n' | '\r\n';
}

/** One generated money movement: a row without its line, posted at `postedAt` (ms since epoch). */
/** The generator writes every column a real file has, also those the reader does not keep. */
export type GeneratedEntry = Omit<SettlementRow, 'lineNumber' | 'postedDate'> & {
  readonly postedAt: number;
  readonly adjustmentId?: string; readonly shipmentId?: string; readonly fulfillmentId?: string; readonly orderItemCode?: string;
  readonly merchantAdjustmentItemId?: string; readonly sku?: string; readonly promotionId?: string;
};

interface Market {
  readonly currency: string;
  readonly fractionDigits: number;
  readonly marketplace: string;
  readonly nonAmazon: string;
  readonly orderPrefix: string;
  readonly taxPercent: number;
  readonly withheld: readonly [string, string];
  readonly digitalServicesFee: boolean;
  readonly subscriptionFee: number;
  readonly locale: SettlementLocale;
  readonly skus: ReadonlyArray<{ readonly sku: string; readonly price: number; readonly fbaFee: number }>;
}

const MARKETS: Readonly<Record<GeneratedMarket, Market>> = {
  DE: {
    currency: 'EUR', fractionDigits: 2, marketplace: 'Amazon.de', nonAmazon: 'Non-Amazon DE', orderPrefix: '303', taxPercent: 19,
    withheld: ['MarketplaceFacilitatorVAT-Principal', 'MarketplaceFacilitatorVAT-Shipping'], digitalServicesFee: true,
    subscriptionFee: 3900, locale: 'decimal-comma',
    skus: [
      { sku: 'BECHER-GRÜN-350', price: 1499, fbaFee: 285 }, { sku: 'TASSE-WEISS-250', price: 999, fbaFee: 270 },
      { sku: 'KANNE-STAHL-1L', price: 3495, fbaFee: 412 }, { sku: 'SIEB-FEIN-80', price: 650, fbaFee: 255 },
    ],
  },
  US: {
    currency: 'USD', fractionDigits: 2, marketplace: 'Amazon.com', nonAmazon: 'Non-Amazon US', orderPrefix: '111', taxPercent: 8,
    withheld: ['MarketplaceFacilitatorTax-Principal', 'MarketplaceFacilitatorTax-Shipping'], digitalServicesFee: false,
    subscriptionFee: 3999, locale: 'decimal-point',
    skus: [
      { sku: 'MUG-GREEN-12OZ', price: 1599, fbaFee: 322 }, { sku: 'CUP-WHITE-8OZ', price: 1099, fbaFee: 306 },
      { sku: 'KETTLE-STEEL-1QT', price: 3999, fbaFee: 487 }, { sku: 'STRAINER-FINE', price: 699, fbaFee: 306 },
    ],
  },
};

type Activity = 'multi-channel order' | 'amazon order' | 'refund' | 'subscription fee' | 'storage fee';
/** Every kind once at the start, so that even a small file has them all; then drawn at random. */
const FIRST_ACTIVITIES: readonly Activity[] = ['multi-channel order', 'amazon order', 'refund', 'subscription fee', 'storage fee'];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const PERIOD = 14 * DAY;
const REFUND_ADMINISTRATION_FEE_CAP = 500;

/** Every money movement of the settlement, in file order. */
export function* generatedEntries(options: SettlementGeneratorOptions): Generator<GeneratedEntry> {
  const market = MARKETS[options.market];
  const random = mulberry32(options.seed);
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const digits = (n: number): string => Array.from({ length: n }, () => String(int(0, 9))).join('');
  const start = periodStart(options);
  let rows = 0;
  const postedAt = (): number => start + HOUR + Math.floor((Math.min(rows, options.detailRows) / Math.max(1, options.detailRows)) * (PERIOD - 2 * HOUR));
  const account = (amountDescription: string, amount: number, at: number): GeneratedEntry =>
    ({ transactionType: 'other-transaction', amountType: 'other-transaction', amountDescription, amount, postedAt: at });
  const refundable: RefundableItem[] = [];
  let sales = 0;

  const amazonOrder = (n: number): GeneratedEntry[] => {
    const orderId = `${market.orderPrefix}-${digits(7)}-${digits(7)}`;
    const base = { transactionType: 'Order', orderId, merchantOrderId: orderId, shipmentId: alphanumeric(random, 9), marketplaceName: market.marketplace, fulfillmentId: 'AFN', postedAt: postedAt() };
    const out: GeneratedEntry[] = [];
    const itemCount = n === 1 ? 1 : int(1, 2);
    for (let item = 0; item < itemCount; item++) {
      const product = market.skus[n === 1 ? 0 : int(0, market.skus.length - 1)] ?? market.skus[0];
      if (product === undefined) break;
      const quantity = int(1, 2);
      const principal = product.price * quantity;
      const tax = percent(principal, market.taxPercent);
      const shipping = item === 0 && (n === 1 || random() < 0.2) ? 399 : 0;
      const shippingTax = percent(shipping, market.taxPercent);
      const promotion = n === 1 || random() < 0.15 ? percent(principal, 10) : 0;
      const commission = percent(principal + tax + shipping + shippingTax - promotion, 15);
      const line = { ...base, orderItemCode: digits(14), sku: product.sku, quantityPurchased: quantity };
      const add = (amountType: string, amountDescription: string, amount: number, extra: Partial<GeneratedEntry> = {}): void => {
        out.push({ ...line, amountType, amountDescription, amount: amount + 0, ...extra }); // + 0: no −0
      };
      add('ItemPrice', 'Principal', principal);
      add('ItemPrice', 'Tax', tax);
      if (shipping > 0) {
        add('ItemPrice', 'Shipping', shipping);
        add('ItemPrice', 'ShippingTax', shippingTax);
      }
      add('ItemWithheldTax', market.withheld[0], -tax);
      add('ItemWithheldTax', market.withheld[1], -shippingTax);
      if (promotion > 0) add('Promotion', 'Principal', -promotion, { promotionId: `PLM-${digits(6)}` });
      add('ItemFees', 'FBAPerUnitFulfillmentFee', -product.fbaFee * quantity);
      add('ItemFees', 'Commission', -commission);
      if (market.digitalServicesFee) add('ItemFees', 'DigitalServicesFee', -percent(commission, 3));
      if (shipping > 0) add('ItemFees', 'ShippingChargeback', -percent(shipping, 89));
      sales += principal + shipping;
      refundable.push({ orderId, orderItemCode: line.orderItemCode, sku: product.sku, principal, tax, commission });
      if (refundable.length > 64) refundable.shift();
    }
    return out;
  };

  const refund = (): GeneratedEntry[] | undefined => {
    const item = refundable.shift();
    if (item === undefined) return undefined;
    const base = {
      transactionType: 'Refund', orderId: item.orderId, merchantOrderId: item.orderId, adjustmentId: `amzn1:crow:${alphanumeric(random, 22)}`,
      marketplaceName: market.marketplace, fulfillmentId: 'AFN', postedAt: postedAt(), orderItemCode: item.orderItemCode,
      merchantAdjustmentItemId: digits(19), sku: item.sku,
    };
    return [
      { ...base, amountType: 'ItemPrice', amountDescription: 'Tax', amount: -item.tax },
      { ...base, amountType: 'ItemPrice', amountDescription: 'Principal', amount: -item.principal },
      { ...base, amountType: 'ItemWithheldTax', amountDescription: market.withheld[0], amount: item.tax },
      { ...base, amountType: 'ItemFees', amountDescription: 'Commission', amount: item.commission },
      { ...base, amountType: 'ItemFees', amountDescription: 'RefundCommission', amount: -Math.min(REFUND_ADMINISTRATION_FEE_CAP, percent(item.commission, 20)) },
    ];
  };

  const multiChannelOrder = (n: number): GeneratedEntry[] => {
    const merchantOrderId = sellerFulfillmentOrderIdFor({ id: uuid(random), orderNumber: `DEMO-${1001 + n}` });
    const base = { transactionType: 'Order', orderId: merchantOrderId, merchantOrderId, shipmentId: alphanumeric(random, 9), marketplaceName: market.nonAmazon, fulfillmentId: 'AFN', postedAt: postedAt() };
    const out: GeneratedEntry[] = [];
    for (let item = int(1, 3); item > 0; item--) {
      const product = market.skus[int(0, market.skus.length - 1)] ?? market.skus[0];
      if (product === undefined) break;
      const quantity = int(1, 3);
      const line = { ...base, orderItemCode: digits(14), merchantOrderItemId: uuid(random), sku: product.sku, quantityPurchased: quantity };
      out.push({ ...line, amountType: 'ItemPrice', amountDescription: 'Principal', amount: 0 });
      out.push({ ...line, amountType: 'ItemFees', amountDescription: 'FBAPerUnitFulfillmentFee', amount: -product.fbaFee * quantity });
    }
    return out;
  };

  yield account('Previous Reserve Amount Balance', int(5_000, 40_000), start + 9 * HOUR);
  rows++;
  for (let n = 0; rows < options.detailRows - 1; n++) {
    let kind = FIRST_ACTIVITIES[n];
    if (kind === undefined) {
      const draw = random();
      kind = draw < 0.48 ? 'multi-channel order' : draw < 0.9 ? 'amazon order' : 'refund';
    }
    const entries = kind === 'multi-channel order' ? multiChannelOrder(n)
      : kind === 'refund' ? refund() ?? amazonOrder(n)
        : kind === 'subscription fee' ? [account('Subscription Fee', -market.subscriptionFee, postedAt())]
          : kind === 'storage fee' ? [account('Storage Fee', -int(500, 9_000), postedAt())]
            : amazonOrder(n);
    for (const entry of entries) {
      rows++;
      yield entry;
    }
  }
  yield account('Current Reserve Amount', -percent(sales, 30), start + PERIOD - MINUTE);
}

/** The file, line by line, each with its line ending. */
export function* generateSettlementLines(options: SettlementGeneratorOptions): Generator<string> {
  const market = MARKETS[options.market];
  const locale = options.locale ?? market.locale;
  const eol = options.lineEnding ?? '\n';
  const columns: readonly SettlementColumn[] = options.format === 'v2' ? V2_COLUMNS : LEGACY_COLUMNS;
  // The total heads the file, so the entries are generated twice: once to add them up.
  let total = 0;
  for (const entry of generatedEntries(options)) total += entry.amount;

  const start = periodStart(options);
  const settlementId = options.settlementId ?? String(20_000_000_000 + options.seed);
  const dates = new DateWriter(locale, options.format);
  const amount = (minor: number): string => {
    const text = formatMinorUnits(minor, market.fractionDigits);
    return locale === 'decimal-comma' ? text.replace('.', ',') : text;
  };
  const at = new Map(columns.map((c, i) => [c, i]));
  const line = (values: Partial<Record<SettlementColumn, string>>): string => {
    const cells: string[] = new Array<string>(columns.length).fill('');
    for (const [column, value] of Object.entries(values) as Array<[SettlementColumn, string | undefined]>) {
      const index = at.get(column);
      if (index !== undefined && value !== undefined) cells[index] = value;
    }
    return cells.join('\t') + eol;
  };

  yield columns.join('\t') + eol;
  yield line({
    'settlement-id': settlementId, 'settlement-start-date': dates.dateTime(start + 8 * HOUR + 59 * MINUTE + 52_000),
    'settlement-end-date': dates.dateTime(start + PERIOD + 8 * HOUR + 59 * MINUTE + 51_000),
    'deposit-date': dates.dateTime(start + PERIOD + 2 * DAY + 8 * HOUR + 59 * MINUTE + 51_000),
    'total-amount': amount(total), currency: market.currency,
  });
  for (const e of generatedEntries(options)) {
    const values: Partial<Record<SettlementColumn, string>> = {
      'settlement-id': settlementId, 'transaction-type': e.transactionType, 'order-id': e.orderId, 'merchant-order-id': e.merchantOrderId,
      'adjustment-id': e.adjustmentId, 'shipment-id': e.shipmentId, 'marketplace-name': e.marketplaceName, 'fulfillment-id': e.fulfillmentId,
      'order-item-code': e.orderItemCode, 'merchant-order-item-id': e.merchantOrderItemId,
      'merchant-adjustment-item-id': e.merchantAdjustmentItemId, sku: e.sku,
      'quantity-purchased': e.quantityPurchased === undefined ? undefined : String(e.quantityPurchased), 'promotion-id': e.promotionId,
    };
    if (options.format === 'v2') {
      values['amount-type'] = e.amountType;
      values['amount-description'] = e.amountDescription;
      values.amount = amount(e.amount);
      values['posted-date'] = dates.date(e.postedAt);
      values['posted-date-time'] = dates.dateTime(e.postedAt);
    } else {
      Object.assign(values, legacyAmount(e, amount(e.amount)));
      values['posted-date'] = dates.dateTime(e.postedAt);
    }
    yield line(values);
  }
}

/** A small file as one string. */
export function generateSettlementText(options: SettlementGeneratorOptions): string {
  return [...generateSettlementLines(options)].join('');
}

/** Where the older flat file puts an amount (see LEGACY_AMOUNT_COLUMNS for the way back). */
function legacyAmount(e: GeneratedEntry, amount: string): Partial<Record<SettlementColumn, string>> {
  switch (e.amountType) {
    case 'ItemPrice': return { 'price-type': e.amountDescription, 'price-amount': amount };
    case 'ItemFees':
    case 'ItemWithheldTax': return { 'item-related-fee-type': e.amountDescription, 'item-related-fee-amount': amount };
    case 'Promotion': return { 'promotion-type': e.amountDescription, 'promotion-amount': amount };
    case 'other-transaction': return { 'transaction-type': e.amountDescription, 'other-amount': amount };
    default: throw new RangeError(`the generator has no older-file column for amount-type ${e.amountType}`);
  }
}

interface RefundableItem {
  readonly orderId: string;
  readonly orderItemCode: string;
  readonly sku: string;
  readonly principal: number;
  readonly tax: number;
  readonly commission: number;
}

/** Writes dates as Amazon does in each locale and format; remembers the last one (rows of an order share it). */
class DateWriter {
  private lastMs = Number.NaN;
  private lastParts = { y: '', mo: '', d: '', time: '' };

  constructor(private readonly locale: SettlementLocale, private readonly format: SettlementFormat) {}

  date(ms: number): string {
    const p = this.parts(ms);
    return this.locale === 'decimal-comma' ? `${p.d}.${p.mo}.${p.y}` : `${p.y}-${p.mo}-${p.d}`;
  }

  dateTime(ms: number): string {
    const p = this.parts(ms);
    if (this.locale === 'decimal-comma') return `${p.d}.${p.mo}.${p.y} ${p.time} UTC`;
    return this.format === 'legacy' ? `${p.y}-${p.mo}-${p.d}T${p.time}+00:00` : `${p.y}-${p.mo}-${p.d} ${p.time} UTC`;
  }

  private parts(ms: number): { y: string; mo: string; d: string; time: string } {
    if (ms !== this.lastMs) {
      const iso = new Date(ms).toISOString();
      this.lastMs = ms;
      this.lastParts = { y: iso.slice(0, 4), mo: iso.slice(5, 7), d: iso.slice(8, 10), time: iso.slice(11, 19) };
    }
    return this.lastParts;
  }
}

function periodStart(options: SettlementGeneratorOptions): number {
  const [y, m, d] = (options.startDate ?? '2024-10-11').split('-').map((part) => Number.parseInt(part, 10));
  return Date.UTC(y ?? 2024, (m ?? 10) - 1, d ?? 11);
}

/** `value` × `p` %, rounded half up, in integers. */
function percent(value: number, p: number): number {
  return Math.floor((value * p + 50) / 100);
}

/** A small, fast, well-distributed 32-bit generator: the same seed gives the same file everywhere. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function alphanumeric(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMERIC.charAt(Math.floor(random() * ALPHANUMERIC.length));
  return out;
}

function uuid(random: () => number): string {
  let hex = '';
  for (let i = 0; i < 32; i++) hex += Math.floor(random() * 16).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}
