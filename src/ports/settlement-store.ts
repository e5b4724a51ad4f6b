// Imported Amazon settlements in the bridge's store: the settlement itself (guarded by the file's hash),
// the per-order economics and the rows that could not be matched. Money is integer minor units of the
// settlement currency; times are epoch milliseconds (UTC).
import type { SettlementFormat } from '../domain/settlements/settlement-types.js';
import type {
  MarketplaceSales, SettlementMatchCounts, SettlementMatchStatus, SettlementOrderRecord,
} from '../domain/settlements/settlement-order-record.js';

export type {
  MarketplaceSales, SettlementChannel, SettlementMatchCounts, SettlementMatchStatus, SettlementOrderRecord,
} from '../domain/settlements/settlement-order-record.js';

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
  /**
   * 'imported' (the default): visible to every reader. 'importing': an import is writing its rows in
   * short transactions; nobody but that import sees them until it publishes (or discards) them.
   */
  readonly status?: SettlementStatus;
}

export type SettlementStatus = 'importing' | 'imported';

/** What claimImport found under the settlement id. */
export type SettlementClaim =
  | { readonly outcome: 'claimed'; readonly token: string; readonly leftovers: boolean }
  | { readonly outcome: 'imported'; readonly existing: SettlementRecord }
  | { readonly outcome: 'busy'; readonly since: number };

/** A storefront order the bridge sent to Amazon, by the sellerFulfillmentOrderId it sent. */
export interface LinkedOrder {
  readonly sellerFulfillmentOrderId: string;
  readonly ctOrderId: string;
  readonly orderNumber: string | null;
}

/** 'inserted' = new; 'unchanged' = this exact file was imported before; 'conflict' = another file holds the id. */
export type SettlementInsertOutcome =
  | { readonly outcome: 'inserted' }
  | { readonly outcome: 'unchanged' | 'conflict'; readonly existing: SettlementRecord };

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

/** Where a page of unmatched rows starts: after this row in file order (line number, then id). */
export interface SettlementUnmatchedCursor {
  readonly lineNumber: number;
  readonly id: number;
}

/** A settlement's unmatched rows of one exception type: how many and their amounts (minor units). */
export interface SettlementUnmatchedTotal {
  readonly exceptionType: string;
  readonly count: number;
  readonly amount: number;
}

/** What matching decided for one stored order (set after all of the order's runs are merged). */
export interface SettlementOrderMatchUpdate {
  readonly connectionId: string;
  readonly settlementId: string;
  readonly orderKey: string;
  readonly matchStatus: SettlementMatchStatus;
  readonly ctOrderId: string | null;
  readonly ctOrderNumber: string | null;
  readonly refundOfSettlement: string | null;
}

export interface SettlementRepository {
  /**
   * Starts an import of `record` (status 'importing'): unless the id is taken by an imported settlement
   * (then 'imported'), or by an import that started at or after `staleBefore` (then 'busy'). A stale
   * import is taken over: `leftovers` says its rows must be discarded first (discardStaged).
   * The token names this import for publish and abandonImport.
   */
  claimImport(record: SettlementRecord, staleBefore: number): Promise<SettlementClaim>;
  /** Deletes up to `limit` orders and unmatched rows of an 'importing' settlement; how many were deleted. */
  discardStaged(connectionId: string, settlementId: string, limit: number): Promise<number>;
  /** Removes the 'importing' settlement row of this import (its rows discarded before). */
  abandonImport(connectionId: string, settlementId: string, token: string): Promise<void>;
  /** This import's settlement becomes 'imported' with the final figures; false when the claim was lost. */
  publish(record: SettlementRecord, token: string): Promise<boolean>;
  /**
   * Called by an import between its short transactions (never inside one): lets the database fold what
   * was just written into its main file — SQLite's write-ahead-log checkpoint, passive: it waits for no
   * one — so that another process's next small write does not pay for folding the import's pages.
   * Nothing to do on PostgreSQL.
   */
  checkpoint(): Promise<void>;
  /** The order links of these sellerFulfillmentOrderIds (those that exist). */
  linkedOrders(connectionId: string, sellerFulfillmentOrderIds: readonly string[]): Promise<LinkedOrder[]>;
  /** One page of the settlement's orders with refund rows, by order key (keyset). */
  listRefundOrdersPage(connectionId: string, settlementId: string, afterOrderKey: string | null, limit: number): Promise<SettlementOrderRecord[]>;
  /** These orders in other imported settlements, with sale or refund rows: oldest settlement first. */
  orderHistory(connectionId: string, orderKeys: readonly string[], exceptSettlementId: string): Promise<SettlementOrderRecord[]>;
  /** Counts over the settlement's stored orders, and Amazon's own sales per marketplace. */
  matchCounts(connectionId: string, settlementId: string): Promise<{ readonly matching: SettlementMatchCounts; readonly marketplaces: readonly MarketplaceSales[] }>;
  /** Records the settlement unless its id is taken: then says whether by the same file or another. */
  insert(record: SettlementRecord): Promise<SettlementInsertOutcome>;
  /** The imported settlement (an import still writing is not one). */
  get(connectionId: string, settlementId: string): Promise<SettlementRecord | null>;
  /** Newest deposit first; imported settlements only. */
  list(connectionId: string, limit: number): Promise<SettlementRecord[]>;
  addOrders(orders: readonly SettlementOrderRecord[]): Promise<void>;
  listOrders(connectionId: string, settlementId: string): Promise<SettlementOrderRecord[]>;
  /**
   * Streaming import: stores each run of an order's rows as it completes. A run whose order is already
   * stored (same connection, settlement and order key — earlier in this call or before) is merged into
   * it: amounts, totals and row counts are ADDED, first line is the lower and last line the higher, order
   * id / merchant order id / marketplace name keep the first non-null value, the channel is
   * multi-channel when either run is, item ids are appended (first appearance, no repeats, at most 250).
   * Match columns (status, commercetools order, refund settlement) keep the first run's values: set them
   * with setOrderMatches once every run is in. Pass runs in file order.
   */
  mergeOrders(runs: readonly SettlementOrderRecord[]): Promise<void>;
  /** One page of a settlement's orders by order key (keyset: keys greater than `afterOrderKey`). */
  listOrdersPage(connectionId: string, settlementId: string, afterOrderKey: string | null, limit: number): Promise<SettlementOrderRecord[]>;
  setOrderMatches(matches: readonly SettlementOrderMatchUpdate[]): Promise<void>;
  /** The order's economics in settlements other than `exceptSettlementId`, with sale rows, oldest settlement first. */
  findEarlierSales(connectionId: string, orderKey: string, exceptSettlementId: string): Promise<SettlementOrderRecord[]>;
  /** The order's economics in every settlement where it has refund rows (Refund, Chargeback Refund), oldest settlement first. */
  findRefunds(connectionId: string, orderKey: string): Promise<SettlementOrderRecord[]>;
  /**
   * Stores unmatched rows. One row per (settlement, exception type, order key): a row for an order that
   * has one already adds its amount to it and keeps the lower line number.
   */
  addUnmatched(rows: readonly SettlementUnmatchedInput[]): Promise<void>;
  /** In file order; only those of `exceptionType` when given, at most `limit` when given. */
  listUnmatched(connectionId: string, settlementId: string, exceptionType?: string, limit?: number): Promise<SettlementUnmatchedRecord[]>;
  /** One page of the unmatched rows in file order (as listUnmatched), after `after` (null: from the first). */
  listUnmatchedPage(connectionId: string, settlementId: string, after: SettlementUnmatchedCursor | null, limit: number): Promise<SettlementUnmatchedRecord[]>;
  /** Count and amount of the unmatched rows per exception type, by type. */
  unmatchedTotals(connectionId: string, settlementId: string): Promise<SettlementUnmatchedTotal[]>;
}
