// A pool entry → the InventorySummary of fbaInventory.json (with InventoryDetails when asked for).
// Docs: https://developer-docs.amazon.com/sp-api/docs/fba-inventory-api-v1-reference#inventorysummary
import type { SimInventoryItem } from '../state/sim-records.js';
import { isoSeconds } from '../time-format.js';

type Json = Record<string, unknown>;

export function totalReserved(item: SimInventoryItem): number {
  return item.reserved + item.pendingTransshipment + item.fcProcessing;
}

/** Docs: totalQuantity is "the total number of units in an inbound shipment or in Amazon fulfillment centers". */
export function totalQuantity(item: SimInventoryItem): number {
  return item.fulfillable + totalReserved(item) + item.unfulfillable + item.researching
    + item.inboundWorking + item.inboundShipped + item.inboundReceiving;
}

export function inventoryDetailsJson(item: SimInventoryItem): Json {
  return {
    fulfillableQuantity: item.fulfillable,
    inboundWorkingQuantity: item.inboundWorking,
    inboundShippedQuantity: item.inboundShipped,
    inboundReceivingQuantity: item.inboundReceiving,
    reservedQuantity: {
      totalReservedQuantity: totalReserved(item),
      pendingCustomerOrderQuantity: item.reserved,
      pendingTransshipmentQuantity: item.pendingTransshipment,
      fcProcessingQuantity: item.fcProcessing,
    },
    // The simulator keeps one figure per bucket: research counts as short-term, damage as the warehouse's.
    researchingQuantity: {
      totalResearchingQuantity: item.researching,
      researchingQuantityBreakdown: item.researching > 0 ? [{ name: 'researchingQuantityInShortTerm', quantity: item.researching }] : [],
    },
    unfulfillableQuantity: {
      totalUnfulfillableQuantity: item.unfulfillable,
      customerDamagedQuantity: 0,
      warehouseDamagedQuantity: item.unfulfillable,
      distributorDamagedQuantity: 0,
      carrierDamagedQuantity: 0,
      defectiveQuantity: 0,
      expiredQuantity: 0,
    },
  };
}

export function summaryJson(item: SimInventoryItem, details: boolean): Json {
  return {
    asin: item.asin,
    fnSku: item.fnSku,
    sellerSku: item.sellerSku,
    condition: 'NewItem',
    ...(details ? { inventoryDetails: inventoryDetailsJson(item) } : {}),
    lastUpdatedTime: isoSeconds(item.lastUpdatedAt),
    productName: item.productName,
    totalQuantity: totalQuantity(item),
  };
}
