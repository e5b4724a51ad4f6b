// The commercetools resources the bridge owns in a merchant's project, in one place so that setup (which
// creates them) and the order gateway (which writes to them) cannot drift apart.
import type { FieldDefinition } from '@commercetools/platform-sdk';

/** Custom type on orders (and carts: resourceTypeId `order` covers both) holding the bridge's fields. */
export const FBA_ORDER_TYPE_KEY = 'fba-bridge-order';

/** Channel with role OrderExport: `updateSyncInfo` on it records "exported to FBA as <id>". */
export const FBA_EXPORT_CHANNEL_KEY = 'fba-bridge-export';

/** Shown in parcels' trackingData.provider so storefront notifications can name who ships. */
export const FBA_TRACKING_PROVIDER = 'Amazon FBA';

export const FBA_ORDER_FIELDS = {
  fulfillmentChannel: 'fulfillmentChannel',
  sellerFulfillmentOrderId: 'sellerFulfillmentOrderId',
  fbaStatus: 'fbaStatus',
  fbaMessage: 'fbaMessage',
} as const;

// All plain Strings: fulfillmentChannel stays a String (not an enum) so a merchant can set "FBA" from
// the Merchant Center or an import without first extending an enum the bridge owns.
export const FBA_ORDER_FIELD_DEFINITIONS: readonly FieldDefinition[] = [
  stringField(FBA_ORDER_FIELDS.fulfillmentChannel, 'Fulfillment channel ("FBA" sends the order to Amazon)'),
  stringField(FBA_ORDER_FIELDS.sellerFulfillmentOrderId, 'Amazon FBA fulfillment order id'),
  stringField(FBA_ORDER_FIELDS.fbaStatus, 'Amazon FBA status'),
  stringField(FBA_ORDER_FIELDS.fbaMessage, 'Amazon FBA note'),
];

function stringField(name: string, label: string): FieldDefinition {
  return { name, label: { en: label }, required: false, type: { name: 'String' }, inputHint: 'SingleLine' };
}
