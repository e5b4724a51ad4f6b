// What FBA holds of one SKU, as getInventorySummaries reports it with details: the truth the
// inventory sync allocates from. Fulfillable is what can be sold; the other parts explain the rest
// (`inventory explain`). Quantities Amazon left out count as 0.
// Docs: https://developer-docs.amazon.com/sp-api/docs/fba-inventory-api-v1-reference#inventorydetails

export interface FbaInboundQuantities {
  /** Units in shipments the seller is still preparing (WORKING). */
  readonly working: number;
  /** Units on their way to Amazon. */
  readonly shipped: number;
  /** Units arrived and being received. */
  readonly receiving: number;
}

export interface FbaReservedQuantities {
  readonly total: number;
  /** Units held for customer orders: Amazon's own and Multi-Channel orders FBA has accepted. */
  readonly pendingCustomerOrder: number;
  /** Units moving between fulfillment centres. */
  readonly pendingTransshipment: number;
  /** Units sidelined at the fulfillment centre for processing. */
  readonly fcProcessing: number;
}

export interface FbaInventoryLevel {
  readonly sellerSku: string;
  readonly fnSku?: string;
  readonly asin?: string;
  readonly productName?: string;
  readonly condition?: string;
  /** Units FBA can ship now. */
  readonly fulfillable: number;
  readonly inbound: FbaInboundQuantities;
  readonly reserved: FbaReservedQuantities;
  /** Damaged, defective, expired… (totalUnfulfillableQuantity). */
  readonly unfulfillable: number;
  /** Units under investigation (totalResearchingQuantity). */
  readonly researching: number;
  /** Everything inbound or in FBA's centres (Amazon's totalQuantity). */
  readonly totalQuantity: number;
  /** When Amazon last saw the SKU change, ISO 8601 as Amazon wrote it; absent when it sent none. */
  readonly lastUpdatedTime?: string;
}
