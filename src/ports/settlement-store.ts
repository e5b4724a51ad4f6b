// Imported Amazon settlements in the bridge's store: the settlement itself (guarded by the file's hash),
// the per-order economics and the rows that could not be matched. Money is integer minor units of the
// settlement currency; times are epoch milliseconds (UTC).
import type { SettlementFormat } from '../domain/settlements/settlement-types.js';

export interface SettlementRecord {
  readonly connectionId: string;
  readonly settlementId: string;
  /** SHA-256 (hex) of the file as read: the same file imported again is recognised by it. */
  readonly fileSha256: string;
  readonly format: SettlementFormat;
  readonly currency: string;
  readonly fractionDigits: number;
  /** ISO 8601 UTC, as the file gave them. */
  readonly startDate: string;
  readonly endDate: string;
  readonly depositDate: string;
  readonly totalAmount: number;
  readonly rowCount: number;
  /** The summary (Seller Central categories, match counts) as the import computed it; stored as JSON. */
  readonly summary: unknown;
  readonly importedAt: number;
}

/** 'inserted' = new; 'unchanged' = this exact file was imported before; 'conflict' = another file holds the id. */
export type SettlementInsertOutcome =
  | { readonly outcome: 'inserted' }
  | { readonly outcome: 'unchanged' | 'conflict'; readonly existing: SettlementRecord };

export type SettlementChannel = 'multi-channel' | 'amazon';
export type SettlementMatchStatus = 'matched' | 'amazon-sale' | 'unmatched';

export interface SettlementOrderRecord {
  readonly connectionId: string;
  readonly settlementId: string;
  /** merchant-order-id (the sellerFulfillmentOrderId for multi-channel orders), else order-id. */
  readonly orderKey: string;
  readonly orderId: string | null;
  readonly merchantOrderId: string | null;
  readonly marketplaceName: string | null;
  readonly channel: SettlementChannel;
  readonly matchStatus: SettlementMatchStatus;
  readonly ctOrderId: string | null;
  readonly ctOrderNumber: string | null;
  /** For an order with refund rows: the settlement with its original sale, or null when none was found. */
  readonly refundOfSettlement: string | null;
  readonly principal: number;
  readonly shipping: number;
  readonly tax: number;
  readonly withheldTax: number;
  readonly promotions: number;
  readonly fees: number;
  readonly refunds: number;
  readonly refundedFees: number;
  readonly other: number;
  readonly total: number;
  /** Rows of sale transactions (Order …) and of refunds (Refund, Chargeback Refund). */
  readonly saleRows: number;
  readonly refundRows: number;
  readonly firstLine: number;
  readonly lastLine: number;
  /** merchant-order-item-id values seen: the commercetools line item ids of a multi-channel order. */
  readonly itemIds: readonly string[];
}

export interface SettlementUnmatchedInput {
  readonly connectionId: string;
  readonly settlementId: string;
  readonly orderKey: string | null;
  readonly lineNumber: number;
  readonly exceptionType: string;
  readonly reason: string;
  readonly amount: number;
  /** The row (or a digest of the order's rows) as JSON-able data, for a person to look at. */
  readonly row: unknown;
}

export interface SettlementUnmatchedRecord extends SettlementUnmatchedInput {
  readonly id: number;
}

export interface SettlementRepository {
  /** Records the settlement unless its id is taken: then says whether by the same file or another. */
  insert(record: SettlementRecord): Promise<SettlementInsertOutcome>;
  get(connectionId: string, settlementId: string): Promise<SettlementRecord | null>;
  /** Newest deposit first. */
  list(connectionId: string, limit: number): Promise<SettlementRecord[]>;
  addOrders(orders: readonly SettlementOrderRecord[]): Promise<void>;
  listOrders(connectionId: string, settlementId: string): Promise<SettlementOrderRecord[]>;
  /** The order's economics in settlements other than `exceptSettlementId`, with sale rows, oldest settlement first. */
  findEarlierSales(connectionId: string, orderKey: string, exceptSettlementId: string): Promise<SettlementOrderRecord[]>;
  /** The order's economics in every settlement where it has refund rows (Refund, Chargeback Refund), oldest settlement first. */
  findRefunds(connectionId: string, orderKey: string): Promise<SettlementOrderRecord[]>;
  addUnmatched(rows: readonly SettlementUnmatchedInput[]): Promise<void>;
  listUnmatched(connectionId: string, settlementId: string): Promise<SettlementUnmatchedRecord[]>;
}
