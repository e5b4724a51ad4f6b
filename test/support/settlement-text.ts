// Small V2 settlement files (US locale: ISO-ish dates, decimal point) written by hand for import tests.
const COLUMNS = [
  'settlement-id', 'settlement-start-date', 'settlement-end-date', 'deposit-date', 'total-amount', 'currency', 'transaction-type',
  'order-id', 'merchant-order-id', 'adjustment-id', 'shipment-id', 'marketplace-name', 'amount-type', 'amount-description', 'amount',
  'fulfillment-id', 'posted-date', 'posted-date-time', 'order-item-code', 'merchant-order-item-id', 'merchant-adjustment-item-id', 'sku',
  'quantity-purchased', 'promotion-id',
];

export interface TextRow {
  readonly type: string;
  readonly order?: string;
  readonly marketplace?: string;
  readonly amountType: string;
  readonly description: string;
  /** Minor units (cents). */
  readonly cents: number;
  readonly itemId?: string;
}

const money = (cents: number): string => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

/** A V2 flat file; `declaredTotal` defaults to the sum of the rows (pass another to make it not add up). */
export function v2SettlementText(settlementId: string, rows: readonly TextRow[], declaredTotal?: number): string {
  const total = declaredTotal ?? rows.reduce((n, r) => n + r.cents, 0);
  const empty = (n: number) => Array.from({ length: n }, () => '');
  const lines = [
    COLUMNS.join('\t'),
    [settlementId, '2024-10-11 08:59:52 UTC', '2024-10-25 08:59:51 UTC', '2024-10-27 08:59:51 UTC', money(total), 'USD', ...empty(18)].join('\t'),
    ...rows.map((r) => [
      settlementId, '', '', '', '', '', r.type, r.order ?? '', r.order ?? '', '', r.order ? 'SHIP1' : '', r.marketplace ?? '',
      r.amountType, r.description, money(r.cents), r.order ? 'AFN' : '', '2024-10-12', '2024-10-12 10:00:00 UTC', r.order ? '123' : '',
      r.itemId ?? '', '', r.order ? 'SKU-1' : '', r.order && r.type === 'Order' ? '1' : '', '',
    ].join('\t')),
  ];
  return lines.join('\n') + '\n';
}
