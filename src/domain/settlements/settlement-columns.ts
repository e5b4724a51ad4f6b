// The columns of both settlement flat files, found by header NAME, never by position: Amazon has
// added columns before (V2's promotion-id is in real files but not in the documentation).
// Docs: https://developer-docs.amazon.com/sp-api/docs/report-type-values-settlement;
// ../shared/docs/amazon-facts.md, "Settlement report, flat file V2".
import { fail, ok, type Result } from '../shared/result.js';
import type { SettlementFormat } from './settlement-types.js';

/** GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2, in the order real files have them. */
export const V2_COLUMNS = [
  'settlement-id', 'settlement-start-date', 'settlement-end-date', 'deposit-date', 'total-amount', 'currency',
  'transaction-type', 'order-id', 'merchant-order-id', 'adjustment-id', 'shipment-id', 'marketplace-name',
  'amount-type', 'amount-description', 'amount', 'fulfillment-id', 'posted-date', 'posted-date-time',
  'order-item-code', 'merchant-order-item-id', 'merchant-adjustment-item-id', 'sku', 'quantity-purchased',
  'promotion-id',
] as const;

/** GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE (the older flat file), its 36 columns in file order. */
export const LEGACY_COLUMNS = [
  'settlement-id', 'settlement-start-date', 'settlement-end-date', 'deposit-date', 'total-amount', 'currency',
  'transaction-type', 'order-id', 'merchant-order-id', 'adjustment-id', 'shipment-id', 'marketplace-name',
  'shipment-fee-type', 'shipment-fee-amount', 'order-fee-type', 'order-fee-amount', 'fulfillment-id',
  'posted-date', 'order-item-code', 'merchant-order-item-id', 'merchant-adjustment-item-id', 'sku',
  'quantity-purchased', 'price-type', 'price-amount', 'item-related-fee-type', 'item-related-fee-amount',
  'misc-fee-amount', 'other-fee-amount', 'other-fee-reason-description', 'promotion-id', 'promotion-type',
  'promotion-amount', 'direct-payment-type', 'direct-payment-amount', 'other-amount',
] as const;

export type SettlementColumn = (typeof V2_COLUMNS)[number] | (typeof LEGACY_COLUMNS)[number];

const SUMMARY_COLUMNS = [
  'settlement-id', 'settlement-start-date', 'settlement-end-date', 'deposit-date', 'total-amount', 'currency', 'transaction-type',
] as const;

/**
 * The older file spreads the money of one V2 line over pairs of columns. Each non-empty amount
 * becomes one row with the V2 amount-type named here and the type column's text as description.
 * The V2 names of shipment, order, misc, other-fee and direct-payment amounts are this project's
 * (no file seen carries both versions of them).
 */
export const LEGACY_AMOUNT_COLUMNS = [
  { amount: 'price-amount', type: 'price-type', amountType: 'ItemPrice' },
  { amount: 'item-related-fee-amount', type: 'item-related-fee-type', amountType: 'ItemFees' },
  { amount: 'shipment-fee-amount', type: 'shipment-fee-type', amountType: 'ShipmentFees' },
  { amount: 'order-fee-amount', type: 'order-fee-type', amountType: 'OrderFees' },
  { amount: 'misc-fee-amount', type: undefined, amountType: 'MiscFees' },
  { amount: 'other-fee-amount', type: 'other-fee-reason-description', amountType: 'OtherFees' },
  { amount: 'promotion-amount', type: 'promotion-type', amountType: 'Promotion' },
  { amount: 'direct-payment-amount', type: 'direct-payment-type', amountType: 'DirectPayment' },
  { amount: 'other-amount', type: undefined, amountType: 'other-transaction' },
] as const satisfies ReadonlyArray<{ amount: SettlementColumn; type: SettlementColumn | undefined; amountType: string }>;

/**
 * The core columns: without them the numbers cannot be trusted (or read). Everything else is optional:
 * the older file comes with 33 columns (no promotion columns) or 36, and V2 files without
 * promotion-id; a missing classification column reads as empty.
 */
const REQUIRED: Readonly<Record<SettlementFormat, readonly SettlementColumn[]>> = {
  v2: [...SUMMARY_COLUMNS, 'amount'],
  legacy: [...SUMMARY_COLUMNS],
};

/** Position of every known column in this file's header; -1 when the file does not have it. */
export type ColumnIndex = Readonly<Record<SettlementColumn, number>>;

export interface SettlementHeaderLayout {
  readonly format: SettlementFormat;
  readonly width: number;
  readonly index: ColumnIndex;
}

/** The header's layout, or why it is not a usable settlement header. */
export type HeaderDetection = Result<SettlementHeaderLayout, string>;

const ALL_COLUMNS: readonly SettlementColumn[] = [...new Set<SettlementColumn>([...V2_COLUMNS, ...LEGACY_COLUMNS])];

/** Which flat file a header line is, and where its columns are; or why it is neither. */
export function detectSettlementHeader(fields: readonly string[]): HeaderDetection {
  const names = fields.map((f) => f.trim().toLowerCase());
  const seen = new Set<string>();
  for (const name of names) {
    if (name !== '' && seen.has(name)) return fail(`the header names column '${name}' twice`);
    seen.add(name);
  }
  const v2 = seen.has('amount-type') || seen.has('amount');
  const legacy = LEGACY_AMOUNT_COLUMNS.some((c) => seen.has(c.amount));
  if (v2 && legacy) return fail('the header has the columns of both flat files (amount and price-amount)');
  if (!v2 && !legacy) {
    return fail('this is not a settlement flat-file header (no amount or price-amount column)');
  }
  const format: SettlementFormat = v2 ? 'v2' : 'legacy';
  const missing = REQUIRED[format].filter((c) => !seen.has(c));
  if (missing.length > 0) {
    return fail(`the ${FORMAT_NAMES[format]} header lacks the required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  }
  return ok({ format, width: fields.length, index: columnIndex(names) });
}

function columnIndex(names: readonly string[]): ColumnIndex {
  return Object.fromEntries(ALL_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<SettlementColumn, number>;
}

/** Every column absent: the index before a header has been read. */
export const NO_COLUMNS: ColumnIndex = columnIndex([]);

export const FORMAT_NAMES: Readonly<Record<SettlementFormat, string>> = {
  v2: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
  legacy: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE',
};
