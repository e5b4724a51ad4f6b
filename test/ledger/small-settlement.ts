// A small settlement for the export tests: one Amazon order, one refund, a storage fee and the fees of
// a Multi-Channel Fulfillment order, all in March 2024, deposited on 16 March.
import { DEFAULT_CHART_OF_ACCOUNTS } from '../../src/domain/settlements/default-chart-of-accounts.js';
import { buildSettlementJournal } from '../../src/domain/settlements/journal-builder.js';
import type { SettlementJournal } from '../../src/domain/settlements/journal-entry.js';
import type { SettlementHeader, SettlementRow } from '../../src/domain/settlements/settlement-types.js';

type Row = [transactionType: string, amountType: string, amountDescription: string, amount: number, day: string, extra?: Partial<SettlementRow>];

const ROWS: Row[] = [
  ['Order', 'ItemPrice', 'Principal', 5_000, '02', { orderId: '302-1', marketplaceName: 'Amazon.de' }],
  ['Order', 'ItemPrice', 'Tax', 950, '02', { orderId: '302-1', marketplaceName: 'Amazon.de' }],
  ['Order', 'ItemWithheldTax', 'MarketplaceFacilitatorVAT-Principal', -950, '02', { orderId: '302-1', marketplaceName: 'Amazon.de' }],
  ['Order', 'ItemFees', 'Commission', -750, '02', { orderId: '302-1', marketplaceName: 'Amazon.de' }],
  ['Order', 'ItemFees', 'FBAPerUnitFulfillmentFee', -310, '02', { orderId: '302-1', marketplaceName: 'Amazon.de' }],
  ['Refund', 'ItemPrice', 'Principal', -2_000, '05', { orderId: '302-0', merchantOrderId: '302-0', marketplaceName: 'Amazon.de' }],
  ['Refund', 'ItemFees', 'Commission', 300, '05', { orderId: '302-0', merchantOrderId: '302-0', marketplaceName: 'Amazon.de' }],
  ['Refund', 'ItemFees', 'RefundCommission', -60, '05', { orderId: '302-0', merchantOrderId: '302-0', marketplaceName: 'Amazon.de' }],
  ['other-transaction', 'other-transaction', 'Storage Fee', -125, '07'],
  ['Order', 'ItemFees', 'FBAPerUnitFulfillmentFee', -410, '09', { merchantOrderId: 'ct-1001', marketplaceName: 'Non-Amazon DE' }],
];

export const SMALL_ROWS: SettlementRow[] = ROWS.map(([transactionType, amountType, amountDescription, amount, day, extra], i) => ({
  lineNumber: i + 3, transactionType, amountType, amountDescription, amount, postedDate: `2024-03-${day}T10:00:00Z`, ...extra,
}));

export const SMALL_HEADER: SettlementHeader = {
  settlementId: '12345678901', startDate: '2024-03-01T08:00:00Z', endDate: '2024-03-14T08:00:00Z', depositDate: '2024-03-16T08:00:00Z',
  currency: 'EUR', fractionDigits: 2, totalAmount: SMALL_ROWS.reduce((n, r) => n + r.amount, 0), format: 'v2',
};

export function smallJournal(): SettlementJournal {
  const result = buildSettlementJournal(SMALL_HEADER, SMALL_ROWS, DEFAULT_CHART_OF_ACCOUNTS);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
