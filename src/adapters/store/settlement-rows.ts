// The settlement tables' rows as the database returns them, and their mapping to and from the port's
// records (migrations/*/003_settlements.sql, 005_settlement_staging.sql).
import type { SettlementFormat } from '../../domain/settlements/settlement-types.js';
import { mergeItemIds } from '../../domain/settlements/settlement-order-book.js';
import type {
  SettlementChannel, SettlementMatchStatus, SettlementOrderRecord, SettlementRecord, SettlementUnmatchedRecord,
} from '../../ports/settlement-store.js';
import type { SqlValue } from './sql-driver.js';

export interface SettlementRow {
  connection_id: string;
  settlement_id: string;
  file_sha256: string;
  format: string;
  currency: string;
  fraction_digits: number;
  start_date: string;
  end_date: string;
  deposit_date: string;
  total_amount: number;
  row_count: number;
  summary_json: string;
  imported_at: number;
  status: string;
}

export interface OrderRow {
  connection_id: string;
  settlement_id: string;
  order_key: string;
  order_id: string | null;
  merchant_order_id: string | null;
  marketplace_name: string | null;
  channel: string;
  match_status: string;
  ct_order_id: string | null;
  ct_order_number: string | null;
  refund_of_settlement: string | null;
  principal: number;
  shipping: number;
  tax: number;
  withheld_tax: number;
  promotions: number;
  fees: number;
  refunds: number;
  refunded_fees: number;
  other: number;
  total: number;
  sale_rows: number;
  refund_rows: number;
  first_line: number;
  last_line: number;
  item_ids_json: string;
}

export interface UnmatchedRow {
  id: number;
  connection_id: string;
  settlement_id: string;
  order_key: string | null;
  line_number: number;
  exception_type: string;
  reason: string;
  amount: number;
  row_json: string;
}

export const ORDER_COLUMNS = [
  'connection_id', 'settlement_id', 'order_key', 'order_id', 'merchant_order_id', 'marketplace_name', 'channel', 'match_status',
  'ct_order_id', 'ct_order_number', 'refund_of_settlement', 'principal', 'shipping', 'tax', 'withheld_tax', 'promotions', 'fees',
  'refunds', 'refunded_fees', 'other', 'total', 'sale_rows', 'refund_rows', 'first_line', 'last_line', 'item_ids_json',
] as const;

export const UNMATCHED_COLUMNS = ['connection_id', 'settlement_id', 'order_key', 'line_number', 'exception_type', 'reason', 'amount', 'row_json'] as const;

export function toUnmatched(r: UnmatchedRow): SettlementUnmatchedRecord {
  return {
    id: Number(r.id), connectionId: r.connection_id, settlementId: r.settlement_id, orderKey: r.order_key, lineNumber: r.line_number,
    exceptionType: r.exception_type, reason: r.reason, amount: r.amount, row: JSON.parse(r.row_json) as unknown,
  };
}

export function orderValues(o: SettlementOrderRecord): SqlValue[] {
  return [
    o.connectionId, o.settlementId, o.orderKey, o.orderId, o.merchantOrderId, o.marketplaceName, o.channel, o.matchStatus,
    o.ctOrderId, o.ctOrderNumber, o.refundOfSettlement, o.principal, o.shipping, o.tax, o.withheldTax, o.promotions, o.fees,
    o.refunds, o.refundedFees, o.other, o.total, o.saleRows, o.refundRows, o.firstLine, o.lastLine, JSON.stringify(o.itemIds),
  ];
}

export function toSettlement(row: SettlementRow): SettlementRecord {
  return {
    connectionId: row.connection_id, settlementId: row.settlement_id, fileSha256: row.file_sha256, format: row.format as SettlementFormat,
    currency: row.currency, fractionDigits: row.fraction_digits, startDate: row.start_date, endDate: row.end_date,
    depositDate: row.deposit_date, totalAmount: row.total_amount, rowCount: row.row_count,
    summary: JSON.parse(row.summary_json) as unknown, importedAt: row.imported_at,
  };
}

export function toOrder(row: OrderRow): SettlementOrderRecord {
  return {
    connectionId: row.connection_id, settlementId: row.settlement_id, orderKey: row.order_key, orderId: row.order_id,
    merchantOrderId: row.merchant_order_id, marketplaceName: row.marketplace_name, channel: row.channel as SettlementChannel,
    matchStatus: row.match_status as SettlementMatchStatus, ctOrderId: row.ct_order_id, ctOrderNumber: row.ct_order_number,
    refundOfSettlement: row.refund_of_settlement, principal: row.principal, shipping: row.shipping, tax: row.tax,
    withheldTax: row.withheld_tax, promotions: row.promotions, fees: row.fees, refunds: row.refunds, refundedFees: row.refunded_fees,
    other: row.other, total: row.total, saleRows: row.sale_rows, refundRows: row.refund_rows, firstLine: row.first_line,
    lastLine: row.last_line, itemIds: mergeItemIds(JSON.parse(row.item_ids_json) as string[]),
  };
}

// The text of a multi-row INSERT, built once per shape: an import runs the same one thousands of times.
const insertTexts = new Map<string, string>();
export function insertSql(table: string, columns: readonly string[], rows: number, tail: string): string {
  const key = `${table}\u0000${rows}\u0000${tail}`;
  let sql = insertTexts.get(key);
  if (sql === undefined) {
    const tuples = Array.from({ length: rows }, (_, i) => `(${columns.map((__, j) => `$${i * columns.length + j + 1}`).join(', ')})`);
    sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${tail}`;
    if (insertTexts.size < 1_000) insertTexts.set(key, sql);
  }
  return sql;
}
export const SETTLEMENT_COLUMNS = `connection_id, settlement_id, file_sha256, format, currency, fraction_digits, start_date, end_date,
  deposit_date, total_amount, row_count, summary_json, imported_at, status`;
export const settlementValues = (r: SettlementRecord, fileSha256: string, status: string): SqlValue[] => [
  r.connectionId, r.settlementId, fileSha256, r.format, r.currency, r.fractionDigits, r.startDate, r.endDate, r.depositDate, r.totalAmount,
  r.rowCount, JSON.stringify(r.summary), r.importedAt, status,
];
