// The settlement report as the domain sees it, whichever flat-file version and locale it came in.
// The parser (settlement-parser) produces these; the summary, matching and journal consume them.
// Money is integer minor units of the settlement currency (never floats).
// Docs: https://developer-docs.amazon.com/sp-api/docs/report-type-values-settlement

import type { AmountType, TransactionType } from './settlement-known-values.js';

export type SettlementFormat = 'v2' | 'legacy';

export interface SettlementHeader {
  readonly settlementId: string;
  /** ISO 8601 UTC. */
  readonly startDate: string;
  readonly endDate: string;
  readonly depositDate: string;
  readonly currency: string;
  /** Minor units per major unit exponent (2 for EUR/USD/GBP, 0 for JPY). */
  readonly fractionDigits: number;
  /** Declared total, minor units. */
  readonly totalAmount: number;
  readonly format: SettlementFormat;
}

/**
 * One money movement. The V2 file has one per line; the older file spreads several over columns
 * (price, item fee, shipment fee, order fee, promotion, other …): the parser emits one row per
 * non-empty amount, with the V2 names for type and description, so everything downstream is the same.
 */
export interface SettlementRow {
  /** 1-based line of the file, for messages a person can act on. */
  readonly lineNumber: number;
  /** A known type in its canonical spelling ('Order', 'Refund', 'other-transaction', …), or as Amazon wrote it: the set is open. */
  readonly transactionType: TransactionType;
  readonly orderId?: string;
  /** For Multi-Channel Fulfillment orders: the sellerFulfillmentOrderId the bridge sent. */
  readonly merchantOrderId?: string;
  /** 'Amazon.de', 'Non-Amazon DE', … */
  readonly marketplaceName?: string;
  /** A known amount type ('ItemPrice', 'ItemFees', 'ItemWithheldTax', 'Promotion', …), or as Amazon wrote it. */
  readonly amountType: AmountType;
  /** e.g. 'Principal', 'Commission', 'FBAPerUnitFulfillmentFee', 'Current Reserve Amount'. */
  readonly amountDescription: string;
  /** Minor units; credits positive, fees negative. */
  readonly amount: number;
  /** ISO 8601 UTC (date-time when the file has it, else the date at 00:00Z). */
  readonly postedDate?: string;
  /** For MCF orders: the sellerFulfillmentOrderItemId (the commercetools line item id). */
  readonly merchantOrderItemId?: string;
  readonly quantityPurchased?: number;
}

/** A problem found while reading a file: always with its line, never silently skipped. */
export interface SettlementProblem {
  readonly lineNumber: number;
  readonly problem: string;
}
