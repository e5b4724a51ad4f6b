// Imported settlements, their per-order economics and their unmatched rows (migrations/*/003_settlements.sql,
// 005_settlement_staging.sql). Readers see only 'imported' settlements; an import writes its rows under
// an 'importing' one in short transactions and publishes them at the end (ADR 0012).
import { randomUUID } from 'node:crypto';
import type {
  LinkedOrder, SettlementClaim, SettlementInsertOutcome, SettlementOrderMatchUpdate, SettlementOrderRecord, SettlementRecord,
  SettlementRepository, SettlementUnmatchedCursor, SettlementUnmatchedInput, SettlementUnmatchedRecord, SettlementUnmatchedTotal,
} from '../../ports/settlement-store.js';
import { placeholders, type SqlDriver, type SqlValue } from './sql-driver.js';
import {
  ORDER_COLUMNS, SETTLEMENT_COLUMNS, UNMATCHED_COLUMNS, insertSql, orderValues, settlementValues, toOrder, toSettlement, toUnmatched,
  type OrderRow, type SettlementRow, type UnmatchedRow,
} from './settlement-rows.js';
import { matchCounts } from './settlement-match-counts.js';

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

const IMPORTED = "status = 'imported'";

export class SqlSettlementRepository implements SettlementRepository {
  constructor(private readonly db: SqlDriver) {}

  async claimImport(record: SettlementRecord, staleBefore: number): Promise<SettlementClaim> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<SettlementRow>('SELECT * FROM settlements WHERE connection_id = $1 AND settlement_id = $2', [record.connectionId, record.settlementId]);
      // The token stands in the file hash while importing: the hash is known only at the end.
      const token = `importing:${randomUUID()}`;
      if (row === undefined) {
        await tx.run(`INSERT INTO settlements (${SETTLEMENT_COLUMNS}) VALUES (${placeholders(1, 14)})`, settlementValues(record, token, 'importing'));
        return { outcome: 'claimed', token, leftovers: false };
      }
      if (row.status !== 'importing') return { outcome: 'imported', existing: toSettlement(row) };
      if (Number(row.imported_at) >= staleBefore) return { outcome: 'busy', since: Number(row.imported_at) };
      await tx.run(
        `UPDATE settlements SET file_sha256 = $3, imported_at = $4 WHERE connection_id = $1 AND settlement_id = $2 AND status = 'importing'`,
        [record.connectionId, record.settlementId, token, record.importedAt],
      );
      return { outcome: 'claimed', token, leftovers: true };
    });
  }

  async discardStaged(connectionId: string, settlementId: string, limit: number): Promise<number> {
    const importing = `EXISTS (SELECT 1 FROM settlements s WHERE s.connection_id = $1 AND s.settlement_id = $2 AND s.status = 'importing')`;
    const orders = await this.db.run(
      `DELETE FROM settlement_orders WHERE connection_id = $1 AND settlement_id = $2 AND ${importing}
         AND order_key IN (SELECT order_key FROM settlement_orders WHERE connection_id = $1 AND settlement_id = $2 LIMIT $3)`,
      [connectionId, settlementId, limit],
    );
    const unmatched = await this.db.run(
      `DELETE FROM settlement_unmatched WHERE ${importing}
         AND id IN (SELECT id FROM settlement_unmatched WHERE connection_id = $1 AND settlement_id = $2 LIMIT $3)`,
      [connectionId, settlementId, limit],
    );
    return orders + unmatched;
  }

  async abandonImport(connectionId: string, settlementId: string, token: string): Promise<void> {
    await this.db.run(
      `DELETE FROM settlements WHERE connection_id = $1 AND settlement_id = $2 AND status = 'importing' AND file_sha256 = $3`,
      [connectionId, settlementId, token],
    );
  }

  async publish(record: SettlementRecord, token: string): Promise<boolean> {
    const changed = await this.db.run(
      `UPDATE settlements SET file_sha256 = $3, format = $4, currency = $5, fraction_digits = $6, start_date = $7, end_date = $8,
         deposit_date = $9, total_amount = $10, row_count = $11, summary_json = $12, imported_at = $13, status = 'imported'
       WHERE connection_id = $1 AND settlement_id = $2 AND status = 'importing' AND file_sha256 = $14`,
      [...settlementValues(record, record.fileSha256, 'imported').slice(0, 13), token],
    );
    return changed === 1;
  }

  async checkpoint(): Promise<void> {
    if (this.db.dialect === 'sqlite') await this.db.query('PRAGMA wal_checkpoint(PASSIVE)');
  }

  async linkedOrders(connectionId: string, ids: readonly string[]): Promise<LinkedOrder[]> {
    const out: LinkedOrder[] = [];
    for (let start = 0; start < ids.length; start += BATCH) {
      const batch = ids.slice(start, start + BATCH);
      const rows = await this.db.query<{ seller_fulfillment_order_id: string; ct_order_id: string; order_number: string | null }>(
        `SELECT seller_fulfillment_order_id, ct_order_id, order_number FROM order_links
         WHERE connection_id = $1 AND seller_fulfillment_order_id IN (${placeholders(2, batch.length)})`,
        [connectionId, ...batch],
      );
      for (const r of rows) out.push({ sellerFulfillmentOrderId: r.seller_fulfillment_order_id, ctOrderId: r.ct_order_id, orderNumber: r.order_number });
    }
    return out;
  }

  async listRefundOrdersPage(connectionId: string, settlementId: string, afterOrderKey: string | null, limit: number): Promise<SettlementOrderRecord[]> {
    const rows = await this.db.query<OrderRow>(
      `SELECT * FROM settlement_orders WHERE connection_id = $1 AND settlement_id = $2 AND refund_rows > 0 AND order_key > $3
       ORDER BY order_key LIMIT $4`,
      [connectionId, settlementId, afterOrderKey ?? '', limit],
    );
    return rows.map(toOrder);
  }

  async orderHistory(connectionId: string, orderKeys: readonly string[], exceptSettlementId: string): Promise<SettlementOrderRecord[]> {
    const out: SettlementOrderRecord[] = [];
    for (let start = 0; start < orderKeys.length; start += BATCH) {
      const batch = orderKeys.slice(start, start + BATCH);
      const rows = await this.db.query<OrderRow>(
        `SELECT o.* FROM settlement_orders o
         JOIN settlements s ON s.connection_id = o.connection_id AND s.settlement_id = o.settlement_id AND s.${IMPORTED}
         WHERE o.connection_id = $1 AND o.settlement_id <> $2 AND o.order_key IN (${placeholders(3, batch.length)})
         ORDER BY s.start_date, o.settlement_id, o.order_key`,
        [connectionId, exceptSettlementId, ...batch],
      );
      out.push(...rows.map(toOrder));
    }
    return out;
  }

  matchCounts(connectionId: string, settlementId: string): ReturnType<SettlementRepository['matchCounts']> {
    return matchCounts(this.db, connectionId, settlementId);
  }

  async insert(record: SettlementRecord): Promise<SettlementInsertOutcome> {
    const changed = await this.db.run(
      `INSERT INTO settlements (${SETTLEMENT_COLUMNS}) VALUES (${placeholders(1, 14)}) ON CONFLICT (connection_id, settlement_id) DO NOTHING`,
      settlementValues(record, record.fileSha256, 'imported'),
    );
    if (changed === 1) return { outcome: 'inserted' };
    const existing = await this.get(record.connectionId, record.settlementId);
    if (existing === null) throw new Error(`settlement ${record.settlementId} was neither inserted nor found`);
    return { outcome: existing.fileSha256 === record.fileSha256 ? 'unchanged' : 'conflict', existing };
  }

  async get(connectionId: string, settlementId: string): Promise<SettlementRecord | null> {
    const rows = await this.db.query<SettlementRow>(`SELECT * FROM settlements WHERE connection_id = $1 AND settlement_id = $2 AND ${IMPORTED}`, [connectionId, settlementId]);
    return rows[0] ? toSettlement(rows[0]) : null;
  }

  async list(connectionId: string, limit: number): Promise<SettlementRecord[]> {
    const rows = await this.db.query<SettlementRow>(
      `SELECT * FROM settlements WHERE connection_id = $1 AND ${IMPORTED} ORDER BY deposit_date DESC, settlement_id DESC LIMIT $2`,
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
      await this.db.run(insertSql(T, ORDER_COLUMNS, batch.length, MERGE_ON_CONFLICT), batch.flat());
      batch = [];
      keys = new Set();
    };
    // In key order (a stable sort: runs of one order keep theirs): the primary key's B-tree then takes
    // each statement's rows page after page instead of at random places, which costs less CPU.
    for (const run of [...runs].sort(byOrderKey)) {
      const key = `${run.connectionId}\u0000${run.settlementId}\u0000${run.orderKey}`;
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
       JOIN settlements s ON s.connection_id = o.connection_id AND s.settlement_id = o.settlement_id AND s.${IMPORTED}
       WHERE o.connection_id = $1 AND o.order_key = $2 AND o.settlement_id <> $3 AND o.sale_rows > 0
       ORDER BY s.start_date, o.settlement_id`,
      [connectionId, orderKey, exceptSettlementId],
    );
    return rows.map(toOrder);
  }

  async findRefunds(connectionId: string, orderKey: string): Promise<SettlementOrderRecord[]> {
    const rows = await this.db.query<OrderRow>(
      `SELECT o.* FROM settlement_orders o
       JOIN settlements s ON s.connection_id = o.connection_id AND s.settlement_id = o.settlement_id AND s.${IMPORTED}
       WHERE o.connection_id = $1 AND o.order_key = $2 AND o.refund_rows > 0
       ORDER BY s.start_date, o.settlement_id`,
      [connectionId, orderKey],
    );
    return rows.map(toOrder);
  }

  async addUnmatched(rows: readonly SettlementUnmatchedInput[]): Promise<void> {
    // One statement may not touch a row twice (PostgreSQL refuses): the caller passes one row per order and reason.
    await this.insertBatches('settlement_unmatched', UNMATCHED_COLUMNS, rows.map((r) => [
      r.connectionId, r.settlementId, r.orderKey, r.lineNumber, r.exceptionType, r.reason, r.amount, JSON.stringify(r.row),
    ]), `ON CONFLICT (connection_id, settlement_id, exception_type, order_key) DO UPDATE SET
      amount = settlement_unmatched.amount + excluded.amount,
      line_number = CASE WHEN excluded.line_number < settlement_unmatched.line_number THEN excluded.line_number ELSE settlement_unmatched.line_number END`);
  }

  async listUnmatched(connectionId: string, settlementId: string, exceptionType?: string, limit?: number): Promise<SettlementUnmatchedRecord[]> {
    const rows = await this.db.query<UnmatchedRow>(
      `SELECT * FROM settlement_unmatched WHERE connection_id = $1 AND settlement_id = $2 AND ($3 = '' OR exception_type = $3)
       ORDER BY line_number, id LIMIT $4`,
      [connectionId, settlementId, exceptionType ?? '', limit ?? Number.MAX_SAFE_INTEGER],
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

  private async insertBatches(table: string, columns: readonly string[], values: readonly SqlValue[][], onConflict = ''): Promise<void> {
    for (let start = 0; start < values.length; start += BATCH) {
      const batch = values.slice(start, start + BATCH);
      await this.db.run(insertSql(table, columns, batch.length, onConflict), batch.flat());
    }
  }
}


function byOrderKey(a: SettlementOrderRecord, b: SettlementOrderRecord): number {
  return compare(a.connectionId, b.connectionId) || compare(a.settlementId, b.settlementId) || compare(a.orderKey, b.orderKey);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
