// Every exception a person sees: its type, the team that owns it and the action that resolves it.
// One table, exhaustive, so no exception is raised without an owner and an action.
export type OwnerTeam = 'operations' | 'ecommerce' | 'finance';

export const EXCEPTION_TYPES = [
  'order.invalid-address',
  'order.invalid-sku',
  'order.unknown-sku',
  'order.limits-exceeded',
  'order.invalid-line',
  'order.rejected-by-amazon',
  'order.send-failed',
  'order.unfulfillable',
  'order.invalid',
  'order.partially-fulfilled',
  'order.stuck-in-planning',
  'order.cancel-too-late',
  'order.cancel-failed',
  'shipment.write-failed',
  'work.dead-letter',
  'amazon.credentials-refused',
  'commercetools.credentials-refused',
  'inventory.sync-failed',
  'inventory.write-failed',
  'inventory.duplicate-entry',
  'inventory.drift',
  'sku.not-in-fba',
  'sku.not-in-storefront',
  'sku.bad-format',
  'settlement.unmatched-row',
  'settlement.refund-without-sale',
  'settlement.total-mismatch',
  'settlement.download-failed',
  'settlement.report-rejected',
  'settlement.storefront-refund-unmatched',
  'settlement.unknown-value',
] as const;
export type ExceptionType = (typeof EXCEPTION_TYPES)[number];

export interface ExceptionTypeInfo {
  readonly owner: OwnerTeam;
  readonly title: string;
  /** What resolves it, in plain words. */
  readonly action: string;
}

export const EXCEPTION_INFO: Record<ExceptionType, ExceptionTypeInfo> = {
  'order.invalid-address': {
    owner: 'operations', title: 'Delivery address incomplete or too long for Amazon',
    action: 'Correct the shipping address on the commercetools order; the bridge re-checks the order when it changes, or run `fba-bridge exceptions retry <id>`.',
  },
  'order.invalid-sku': {
    owner: 'ecommerce', title: 'Line without a usable SKU',
    action: 'Give the product variant a SKU that FBA stocks (or move the line to a merchant-fulfilled channel), then retry.',
  },
  'order.unknown-sku': {
    owner: 'ecommerce', title: 'SKU not stocked by FBA',
    action: 'Create the listing in FBA under this exact SKU (or fix the SKU in commercetools), then retry the order.',
  },
  'order.limits-exceeded': {
    owner: 'operations', title: "Order exceeds Amazon's line or unit limits",
    action: 'Split the order in commercetools into orders within Amazon\'s limits (100 lines, 250 units), or fulfil it another way, then ignore this exception.',
  },
  'order.invalid-line': {
    owner: 'ecommerce', title: 'Order line with an impossible quantity',
    action: 'Correct the line quantity on the commercetools order (whole units, at least 1), then retry.',
  },
  'order.rejected-by-amazon': {
    owner: 'operations', title: 'Amazon rejected the order',
    action: "Read Amazon's message, correct the order data it names, then retry.",
  },
  'order.send-failed': {
    owner: 'operations', title: 'Order could not be sent after repeated attempts',
    action: 'Check Amazon credentials and service status (`fba-bridge status`), then retry the order.',
  },
  'order.unfulfillable': {
    owner: 'operations', title: 'Amazon cannot fulfil the order',
    action: 'Check FBA stock for the SKUs; fulfil from another channel or cancel and refund the customer.',
  },
  'order.invalid': {
    owner: 'operations', title: 'Amazon marked the order Invalid',
    action: 'Check the order in Seller Central; correct and resubmit, or cancel and refund the customer.',
  },
  'order.partially-fulfilled': {
    owner: 'operations', title: 'Amazon shipped only part of the order',
    action: 'Refund or re-fulfil the missing units; the shipped part is already on the commercetools order.',
  },
  'order.stuck-in-planning': {
    owner: 'operations', title: 'Order stuck in Planning at Amazon',
    action: 'Open a case with Amazon, or cancel and resubmit the order (the known workaround).',
  },
  'order.cancel-too-late': {
    owner: 'operations', title: 'Cancelled in the storefront after Amazon started fulfilment',
    action: 'Amazon will ship it: intercept the parcel or handle it as a return when it comes back.',
  },
  'order.cancel-failed': {
    owner: 'operations', title: 'Cancellation could not be sent to Amazon',
    action: 'Check the order in Seller Central and cancel it there if it has not shipped; then ignore this exception.',
  },
  'shipment.write-failed': {
    owner: 'ecommerce', title: 'Shipment could not be written to commercetools',
    action: 'Check the commercetools order (and API client scopes); then retry.',
  },
  'amazon.credentials-refused': {
    owner: 'operations', title: 'Amazon refuses the bridge\'s credentials: orders, tracking and inventory are paused',
    action: 'Check LWA_CLIENT_ID / LWA_CLIENT_SECRET (Seller Central → Develop apps) and re-authorise the app for the seller to get a new LWA_REFRESH_TOKEN; restart with the new values. Nothing is lost meanwhile: the bridge retries by itself and closes this exception once Amazon accepts the credentials (docs/runbooks/order-exceptions.md).',
  },
  'commercetools.credentials-refused': {
    owner: 'ecommerce', title: 'commercetools refuses the bridge\'s API client: order and shipment work is paused',
    action: 'Check CTP_CLIENT_ID / CTP_CLIENT_SECRET and the API client\'s scopes (Merchant Center → Settings → Developer settings); create a new API client if it was deleted and restart with its values. Nothing is lost meanwhile: the bridge retries by itself and closes this exception once commercetools accepts the client.',
  },
  'work.dead-letter': {
    owner: 'operations', title: 'A task failed repeatedly',
    action: 'Read the reason; fix the cause, then retry.',
  },
  'inventory.sync-failed': {
    owner: 'operations', title: 'An inventory sync of a pool could not run',
    action: 'Read the reason (Amazon unreachable or throttled, a supply channel key missing in commercetools); fix it, then run `fba-bridge inventory sync --pool <id>`. Until then the storefront shows older figures.',
  },
  'inventory.write-failed': {
    owner: 'ecommerce', title: 'An inventory entry could not be written to commercetools',
    action: "Check the entry in commercetools (and the API client's manage_products scope); the next sync retries it. Run `fba-bridge inventory explain <sku>` to see what it should hold.",
  },
  'inventory.duplicate-entry': {
    owner: 'ecommerce', title: 'commercetools holds two inventory entries for one SKU and channel',
    action: 'Delete the extra inventory entry in commercetools (keep one per SKU and supply channel); the bridge writes neither until then.',
  },
  'inventory.drift': {
    owner: 'ecommerce', title: 'An inventory entry has differed from its allocation for too long',
    action: 'Run `fba-bridge inventory explain <sku>`: another system may be writing the entry, or writes keep failing. Stop the other writer or fix the failure; the next sync sets the figure.',
  },
  'sku.not-in-fba': {
    owner: 'ecommerce', title: 'SKU sold on an FBA channel that FBA does not stock',
    action: 'Create the FBA listing under this exact SKU, or remove the SKU from the FBA supply channels in commercetools. Its entries are held at 0 meanwhile.',
  },
  'sku.not-in-storefront': {
    owner: 'ecommerce', title: 'FBA stocks a SKU that no commercetools variant carries',
    action: 'Give a product variant this exact SKU in commercetools (or correct the SKU at Amazon); until then its FBA stock cannot be sold on the storefront.',
  },
  'sku.bad-format': {
    owner: 'ecommerce', title: 'SKU breaks the configured format rule',
    action: 'Rename the SKU in commercetools and at Amazon so it matches the rule (inventory.skuPattern), written the same way in both.',
  },
  'settlement.unmatched-row': {
    owner: 'finance', title: 'Multi-channel orders of a settlement match no storefront order',
    action: 'One exception per settlement lists its orders (all of them: `fba-bridge settlement unmatched <settlement-id>`). Find each in Seller Central by the merchant order id shown; if it is a storefront order the bridge did not send, book it by hand against that order, otherwise book it as a plain Amazon cost. Then ignore this exception (see docs/runbooks/settlement-exceptions.md).',
  },
  'settlement.refund-without-sale': {
    owner: 'finance', title: 'Refunds of a settlement not covered by a sale in any imported settlement',
    action: 'One exception per settlement lists the refunds (all of them: `fba-bridge settlement unmatched <settlement-id>`). Import the earlier settlement that holds the sales (`fba-bridge settlement import <file>`); if a sale predates the bridge, book the refund by hand against the original invoice. Then ignore this exception.',
  },
  'settlement.total-mismatch': {
    owner: 'finance', title: "Settlement rows do not add up to Amazon's declared total",
    action: 'Download the report again from Seller Central (Payments → All statements) and import that file; nothing from the damaged file was booked. If it still does not add up, open a case with Amazon seller support.',
  },
  'settlement.download-failed': {
    owner: 'finance', title: 'A settlement report could not be downloaded from Amazon',
    action: 'Nothing to do at first: the bridge tries again at its next settlement check and closes this exception when the download works. If it stays open for a day, check the Amazon connection (`fba-bridge status`), or download the report from Seller Central (Payments → All statements) and run `fba-bridge settlement import <file>`.',
  },
  'settlement.report-rejected': {
    owner: 'finance', title: 'A downloaded settlement report could not be imported',
    action: 'Read the reason (the line and the problem). Download the report from Seller Central (Payments → All statements) and run `fba-bridge settlement import <file>`; if Amazon\'s file itself is faulty, open a case with seller support. Nothing from the refused file was booked. Then ignore this exception.',
  },
  'settlement.unknown-value': {
    owner: 'finance', title: 'A settlement holds a value Amazon added that the chart of accounts does not map',
    action: 'Its rows were imported and booked to the suspense account. Add the rule shown to the chart of accounts (docs/runbooks/chart-of-accounts.md, "Mapping a new value"), then import the same file again with that chart (`fba-bridge settlement import <file> --chart <chart.json> --export …`): the journal moves the amounts to the mapped account and this exception closes.',
  },
  'settlement.storefront-refund-unmatched': {
    owner: 'finance', title: 'Storefront refund of an FBA order with no Amazon refund in any imported settlement',
    action: 'In Seller Central look the order up by the merchant order id shown (Orders → Manage Orders, Multi-Channel Fulfillment; Payments → Transaction view; Reports → Fulfillment → Reimbursements) and check whether Amazon refunded or reimbursed anything for it. If it did, import the settlement that holds it (`fba-bridge settlement import <file>`): the daily check then closes this exception. If Amazon owes something but has not paid (e.g. the return reached FBA), open a case with seller support. If nothing is due from Amazon (a goodwill refund, a return kept by the customer or sent to your own warehouse), book the refund as a storefront cost against the order and ignore this exception.',
  },
};
