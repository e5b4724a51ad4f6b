// Imported settlements, their per-order economics and their unmatched rows (migrations/*/003_settlements.sql).
import type { SettlementFormat } from '../../domain/settlements/settlement-types.js';
import type {
  SettlementChannel, SettlementInsertOutcome, SettlementMatchStatus, SettlementOrderMatchUpdate, SettlementOrderRecord, SettlementRecord,
  SettlementRepository, SettlementUnmatchedCursor, SettlementUnmatchedInput, SettlementUnmatchedRecord, SettlementUnmatchedTotal,
} from '../../ports/settlement-store.js';
import { mergeItemIds } from '../../domain/settlements/settlement-order-book.js';
import type { SqlDriver, SqlValue } from './sql-driver.js';

interface SettlementRow {
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
}

interface OrderRow {
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

interface UnmatchedRow {
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

const ORDER_COLUMNS = [
  'connection_id', 'settlement_id', 'order_key', 'order_id', 'merchant_order_id', 'marketplace_name', 'channel', 'match_status',
  'ct_order_id', 'ct_order_number', 'refund_of_settlement', 'principal', 'shipping', 'tax', 'withheld_tax', 'promotions', 'fees',
  'refunds', 'refunded_fees', 'other', 'total', 'sale_rows', 'refund_rows', 'first_line', 'last_line', 'item_ids_json',
] as const;

const UNMATCHED_COLUMNS = ['connection_id', 'settlement_id', 'order_key', 'line_number', 'exception_type', 'reason', 'amount', 'row_json'] as const;

/** Rows per multi-row INSERT: well under SQLite's and PostgreSQL's parameter limits. */
const BATCH = 200;

/** Columns whose values two runs of one order add up. */
const ADDED_COLUMNS = [
  'principal', 'shipping', 'tax', 'withheld_tax', 'promotions', 'fees', 'refunds', 'refunded_fees', 'other', 'total', 'sale_rows', 'refund_rows',
] as const;

// The merge of a later run into the stored order (same rules as mergeOrderBookEntries). Portable SQL:
// CASE instead of MIN/MAX vs LEAST/GREATEST; item ids are appended as JSON text and cleaned up on read.
const T = 'settlement_orders';
const MERGE_ON_CONFLICT = `ON CONFLICT (connection_id, settlement_id, order_key) DO UPDATE SET
  ${ADDED_COLUMNS.map((c) => `${c} = ${T}.${c} + excluded.${c}`).join(',\n  ')},
  order_id = COALESCE(${T}.order_id, excluded.order_id),
  merchant_order_id = COALESCE(${T}.merchant_order_id, excluded.merchant_order_id),
  marketplace_name = COALESCE(${T}.marketplace_name, excluded.marketplace_name),
  channel = CASE WHEN excluded.channel = 'multi-channel' THEN excluded.channel ELSE ${T}.channel END,
  first_line = CASE WHEN excluded.first_line < ${T}.first_line THEN excluded.first_line ELSE ${T}.first_line END,
  last_line = CASE WHEN excluded.last_line > ${T}.last_line THEN excluded.last_line ELSE ${T}.last_line END,
  item_ids_json = CASE
    WHEN excluded.item_ids_json = '[]' THEN ${T}.item_ids_json
    WHEN ${T}.item_ids_json = '[]' THEN excluded.item_ids_json
    ELSE substr(${T}.item_ids_json, 1, length(${T}.item_ids_json) - 1) || ',' || substr(excluded.item_ids_json, 2)
  END`;

export class SqlSettlementRepository implements SettlementRepository {
  constructor(private readonly db: SqlDriver) {}

  async insert(record: SettlementRecord): Promise<SettlementInsertOutcome> {
    const changed = await this.db.run(
      `INSERT INTO settlements (connection_id, settlement_id, file_sha256, format, currency, fraction_digits, start_date, end_date,
         deposit_date, total_amount, row_count, summary_json, imported_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (connection_id, settlement_id) DO NOTHING`,
      [record.connectionId, record.settlementId, record.fileSha256, record.format, record.currency, record.fractionDigits, record.startDate,
        record.endDate, record.depositDate, record.totalAmount, record.rowCount, JSON.stringify(record.summary), record.importedAt],
    );
    if (changed === 1) return { outcome: 'inserted' };
    const existing = await this.get(record.connectionId, record.settlementId);
    if (existing === null) throw new Error(`settlement ${record.settlementId} was neither inserted nor found`);
    return { outcome: existing.fileSha256 === record.fileSha256 ? 'unchanged' : 'conflict', existing };
  }

  async get(connectionId: string, settlementId: string): Promise<SettlementRecord | null> {
    const rows = await this.db.query<SettlementRow>('SELECT * FROM settlements WHERE connection_id = $1 AND settlement_id = $2', [connectionId, settlementId]);
    return rows[0] ? toSettlement(rows[0]) : null;
  }

  async list(connectionId: string, limit: number): Promise<SettlementRecord[]> {
    const rows = await this.db.query<SettlementRow>(
      'SELECT * FROM settlements WHERE connection_id = $1 ORDER BY deposit_date DESC, settlement_id DESC LIMIT $2',
      [connectionId, limit],
    );
    return rows.map(toSettlement);
  }

  async addOrders(orders: readonly SettlementOrderRecord[]): Promise<void> {
    await this.insertBatches('settlement_orders', ORDER_COLUMNS, orders.map(orderValues));
  }

  async mergeOrders(runs: readonly SettlementOrderRecord[]): Promise<void> {
    // One statement may not touch a row twice (PostgreSQL refuses): a key seen again starts a new statement.
    let batch: SqlValue[][] = [];
    let keys = new Set<string>();
    const write = async (): Promise<void> => {
      if (batch.length === 0) return;
      const tuples = batch.map((_, i) => `(${ORDER_COLUMNS.map((__, j) => `$${i * ORDER_COLUMNS.length + j + 1}`).join(', ')})`);
      await this.db.run(`INSERT INTO ${T} (${ORDER_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ${MERGE_ON_CONFLICT}`, batch.flat());
      batch = [];
      keys = new Set();
    };
    for (const run of runs) {
      const key = JSON.stringify([run.connectionId, run.settlementId, run.orderKey]);
      if (keys.has(key) || batch.length >= BATCH) await write();
      keys.add(key);
      batch.push(orderValues(run));
    }
    await write();
  }

  async listOrdersPage(connectionId: string, settlementId: string, afterOrderKey: string | null, limit: number): Promise<SettlementOrderRecord[]> {
    const rows = afterOrderKey === null
      ? await this.db.query<OrderRow>(
        'SELECT * FROM settlement_orders WHERE connection_id = $1 AND settlement_id = $2 ORDER BY order_key LIMIT $3',
        [connectionId, settlementId, limit],
      )
      : await this.db.query<OrderRow>(
        'SELECT * FROM settlement_orders WHERE connection_id = $1 AND settlement_id = $2 AND order_key > $3 ORDER BY order_key LIMIT $4',
        [connectionId, settlementId, afterOrderKey, limit],
      );
    return rows.map(toOrder);
  }

  async setOrderMatches(matches: readonly SettlementOrderMatchUpdate[]): Promise<void> {
    for (const m of matches) {
      await this.db.run(
        `UPDATE settlement_orders SET match_status = $4, ct_order_id = $5, ct_order_number = $6, refund_of_settlement = $7
         WHERE connection_id = $1 AND settlement_id = $2 AND order_key = $3`,
        [m.connectionId, m.settlementId, m.orderKey, m.matchStatus, m.ctOrderId, m.ctOrderNumber, m.refundOfSettlement],
      );
    }
  }

  async listOrders(connectionId: string, settlementId: string): Promise<SettlementOrderRecord[]> {
    const rows = await this.db.query<OrderRow>(
      'SELECT * FROM settlement_orders WHERE connection_id = $1 AND settlement_id = $2 ORDER BY first_line, order_key',
      [connectionId, settlementId],
    );
    return rows.map(toOrder);
  }

  async findEarlierSales(connectionId: string, orderKey: string, exceptSettlementId: string): Promise<SettlementOrderRecord[]> {
    const rows = await this.db.query<OrderRow>(
      `SELECT o.* FROM settlement_orders o
       JOIN settlements s ON s.connection_id = o.connection_id AND s.settlement_id = o.settlement_id
       WHERE o.connection_id = $1 AND o.order_key = $2 AND o.settlement_id <> $3 AND o.sale_rows > 0
       ORDER BY s.start_date, o.settlement_id`,
      [connectionId, orderKey, exceptSettlementId],
    );
    return rows.map(toOrder);
  }

  async findRefunds(connectionId: string, orderKey: string): Promise<SettlementOrderRecord[]> {
    const rows = await this.db.query<OrderRow>(
      `SELECT o.* FROM settlement_orders o
       JOIN settlements s ON s.connection_id = o.connection_id AND s.settlement_id = o.settlement_id
       WHERE o.connection_id = $1 AND o.order_key = $2 AND o.refund_rows > 0
       ORDER BY s.start_date, o.settlement_id`,
      [connectionId, orderKey],
    );
    return rows.map(toOrder);
  }

  async addUnmatched(rows: readonly SettlementUnmatchedInput[]): Promise<void> {
    await this.insertBatches('settlement_unmatched', UNMATCHED_COLUMNS, rows.map((r) => [
      r.connectionId, r.settlementId, r.orderKey, r.lineNumber, r.exceptionType, r.reason, r.amount, JSON.stringify(r.row),
    ]));
  }

  async listUnmatched(connectionId: string, settlementId: string): Promise<SettlementUnmatchedRecord[]> {
    const rows = await this.db.query<UnmatchedRow>(
      'SELECT * FROM settlement_unmatched WHERE connection_id = $1 AND settlement_id = $2 ORDER BY line_number, id',
      [connectionId, settlementId],
    );
    return rows.map(toUnmatched);
  }

  async listUnmatchedPage(connectionId: string, settlementId: string, after: SettlementUnmatchedCursor | null, limit: number): Promise<SettlementUnmatchedRecord[]> {
    const rows = after === null
      ? await this.db.query<UnmatchedRow>(
        'SELECT * FROM settlement_unmatched WHERE connection_id = $1 AND settlement_id = $2 ORDER BY line_number, id LIMIT $3',
        [connectionId, settlementId, limit],
      )
      : await this.db.query<UnmatchedRow>(
        `SELECT * FROM settlement_unmatched WHERE connection_id = $1 AND settlement_id = $2
           AND (line_number > $3 OR (line_number = $3 AND id > $4))
         ORDER BY line_number, id LIMIT $5`,
        [connectionId, settlementId, after.lineNumber, after.id, limit],
      );
    return rows.map(toUnmatched);
  }

  async unmatchedTotals(connectionId: string, settlementId: string): Promise<SettlementUnmatchedTotal[]> {
    const rows = await this.db.query<{ exception_type: string; count: number | string; amount: number | string }>(
      `SELECT exception_type, COUNT(*) AS count, SUM(amount) AS amount FROM settlement_unmatched
       WHERE connection_id = $1 AND settlement_id = $2 GROUP BY exception_type ORDER BY exception_type`,
      [connectionId, settlementId],
    );
    return rows.map((r) => ({ exceptionType: r.exception_type, count: Number(r.count), amount: Number(r.amount) }));
  }

  private async insertBatches(table: string, columns: readonly string[], values: readonly SqlValue[][]): Promise<void> {
    for (let start = 0; start < values.length; start += BATCH) {
      const batch = values.slice(start, start + BATCH);
      const tuples = batch.map((_, i) => `(${columns.map((__, j) => `$${i * columns.length + j + 1}`).join(', ')})`);
      await this.db.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, batch.flat());
    }
  }
}

function toUnmatched(r: UnmatchedRow): SettlementUnmatchedRecord {
  return {
    id: Number(r.id), connectionId: r.connection_id, settlementId: r.settlement_id, orderKey: r.order_key, lineNumber: r.line_number,
    exceptionType: r.exception_type, reason: r.reason, amount: r.amount, row: JSON.parse(r.row_json) as unknown,
  };
}

function orderValues(o: SettlementOrderRecord): SqlValue[] {
  return [
    o.connectionId, o.settlementId, o.orderKey, o.orderId, o.merchantOrderId, o.marketplaceName, o.channel, o.matchStatus,
    o.ctOrderId, o.ctOrderNumber, o.refundOfSettlement, o.principal, o.shipping, o.tax, o.withheldTax, o.promotions, o.fees,
    o.refunds, o.refundedFees, o.other, o.total, o.saleRows, o.refundRows, o.firstLine, o.lastLine, JSON.stringify(o.itemIds),
  ];
}

function toSettlement(row: SettlementRow): SettlementRecord {
  return {
    connectionId: row.connection_id, settlementId: row.settlement_id, fileSha256: row.file_sha256, format: row.format as SettlementFormat,
    currency: row.currency, fractionDigits: row.fraction_digits, startDate: row.start_date, endDate: row.end_date,
    depositDate: row.deposit_date, totalAmount: row.total_amount, rowCount: row.row_count,
    summary: JSON.parse(row.summary_json) as unknown, importedAt: row.imported_at,
  };
}

function toOrder(row: OrderRow): SettlementOrderRecord {
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
