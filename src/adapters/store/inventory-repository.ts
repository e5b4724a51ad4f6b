// The inventory records (migrations/<dialect>/002_inventory.sql): Amazon snapshots, commercetools
// entries as written or observed (with drift), scan and post times, and FBA-bound order lines.
// Writes go in multi-row statements so a sync of 20,000 SKUs is a few hundred statements, not 20,000.
import type {
  ChannelSyncRecord, InventoryEntryRecord, InventoryRepository, InventorySnapshotRecord, OrderLineUnits,
  PoolSyncRecord, StorefrontOrderLine,
} from '../../ports/inventory-store.js';
import type { OrderLinkState } from '../../ports/store.js';
import { placeholders, type SqlDriver, type SqlValue } from './sql-driver.js';

const ROWS_PER_STATEMENT = 200;
const SKUS_PER_QUERY = 500;

interface SnapshotRow {
  connection_id: string; pool_id: string; sku: string; fulfillable: number; reserved_total: number;
  pending_customer_order: number; inbound: number; unfulfillable: number; researching: number;
  total_quantity: number; amazon_updated_at: string | null; read_at: number;
}

interface EntryRow {
  connection_id: string; sku: string; channel_key: string; pool_id: string; entry_id: string | null;
  entry_version: number | null; quantity_on_stock: number | null; available_quantity: number | null;
  expected_quantity: number; observed_at: number; written_at: number | null; differs_since: number | null;
}

const SNAPSHOT_COLUMNS = ['connection_id', 'pool_id', 'sku', 'fulfillable', 'reserved_total', 'pending_customer_order', 'inbound',
  'unfulfillable', 'researching', 'total_quantity', 'amazon_updated_at', 'read_at'];
const ENTRY_COLUMNS = ['connection_id', 'sku', 'channel_key', 'pool_id', 'entry_id', 'entry_version', 'quantity_on_stock',
  'available_quantity', 'expected_quantity', 'observed_at', 'written_at', 'differs_since'];

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export class SqlInventoryRepository implements InventoryRepository {
  constructor(private readonly db: SqlDriver) {}

  async saveSnapshots(records: readonly InventorySnapshotRecord[]): Promise<void> {
    await this.upsertRows('inventory_snapshots', SNAPSHOT_COLUMNS, 3, records.map((r) => [
      r.connectionId, r.poolId, r.sku, r.fulfillable, r.reservedTotal, r.pendingCustomerOrder, r.inbound,
      r.unfulfillable, r.researching, r.totalQuantity, r.amazonUpdatedAt, r.readAt,
    ]));
  }

  async snapshots(connectionId: string, poolId: string, skus?: readonly string[]): Promise<InventorySnapshotRecord[]> {
    const rows = await this.bySkus<SnapshotRow>('inventory_snapshots', 'connection_id = $1 AND pool_id = $2', [connectionId, poolId], skus);
    return rows.map(toSnapshot);
  }

  async snapshotsOfSku(connectionId: string, sku: string): Promise<InventorySnapshotRecord[]> {
    const rows = await this.db.query<SnapshotRow>('SELECT * FROM inventory_snapshots WHERE connection_id = $1 AND sku = $2 ORDER BY pool_id', [connectionId, sku]);
    return rows.map(toSnapshot);
  }

  async saveEntries(records: readonly InventoryEntryRecord[]): Promise<void> {
    await this.upsertRows('inventory_entries', ENTRY_COLUMNS, 3, records.map((r) => [
      r.connectionId, r.sku, r.channel, r.poolId, r.entryId, r.entryVersion, r.quantityOnStock, r.availableQuantity,
      r.expectedQuantity, r.observedAt, r.writtenAt, r.differsSince,
    ]));
  }

  async entriesOfSku(connectionId: string, sku: string): Promise<InventoryEntryRecord[]> {
    const rows = await this.db.query<EntryRow>('SELECT * FROM inventory_entries WHERE connection_id = $1 AND sku = $2 ORDER BY channel_key', [connectionId, sku]);
    return rows.map(toEntry);
  }

  async entries(connectionId: string, poolId: string, skus?: readonly string[]): Promise<InventoryEntryRecord[]> {
    const rows = await this.bySkus<EntryRow>('inventory_entries', 'connection_id = $1 AND pool_id = $2', [connectionId, poolId], skus);
    return rows.map(toEntry);
  }

  async driftingSince(connectionId: string, since: number): Promise<InventoryEntryRecord[]> {
    const rows = await this.db.query<EntryRow>(
      'SELECT * FROM inventory_entries WHERE connection_id = $1 AND differs_since IS NOT NULL AND differs_since <= $2 ORDER BY differs_since, sku, channel_key',
      [connectionId, since],
    );
    return rows.map(toEntry);
  }

  async markScan(connectionId: string, poolId: string, kind: 'full' | 'incremental', at: number): Promise<void> {
    // A full scan is also the latest incremental one: everything changed since then has been read.
    const full = kind === 'full' ? at : null;
    await this.db.run(
      `INSERT INTO inventory_pool_sync (connection_id, pool_id, last_full_scan_at, last_incremental_scan_at, updated_at)
       VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT (connection_id, pool_id) DO UPDATE SET
         last_full_scan_at = COALESCE(excluded.last_full_scan_at, inventory_pool_sync.last_full_scan_at),
         last_incremental_scan_at = excluded.last_incremental_scan_at,
         updated_at = excluded.updated_at`,
      [connectionId, poolId, full, at],
    );
  }

  async poolSync(connectionId: string, poolId: string): Promise<PoolSyncRecord | null> {
    const rows = await this.db.query<{ last_full_scan_at: number | null; last_incremental_scan_at: number | null }>(
      'SELECT last_full_scan_at, last_incremental_scan_at FROM inventory_pool_sync WHERE connection_id = $1 AND pool_id = $2',
      [connectionId, poolId],
    );
    const row = rows[0];
    return row ? { connectionId, poolId, lastFullScanAt: numOrNull(row.last_full_scan_at), lastIncrementalScanAt: numOrNull(row.last_incremental_scan_at) } : null;
  }

  async poolSyncs(connectionId: string): Promise<PoolSyncRecord[]> {
    const rows = await this.db.query<{ pool_id: string; last_full_scan_at: number | null; last_incremental_scan_at: number | null }>(
      'SELECT pool_id, last_full_scan_at, last_incremental_scan_at FROM inventory_pool_sync WHERE connection_id = $1 ORDER BY pool_id',
      [connectionId],
    );
    return rows.map((r) => ({ connectionId, poolId: r.pool_id, lastFullScanAt: numOrNull(r.last_full_scan_at), lastIncrementalScanAt: numOrNull(r.last_incremental_scan_at) }));
  }

  async markChannelPost(connectionId: string, poolId: string, channel: string, outcome: 'ok' | 'failed', at: number): Promise<void> {
    const column = outcome === 'ok' ? 'last_success_at' : 'last_failure_at';
    await this.db.run(
      `INSERT INTO inventory_channel_sync (connection_id, channel_key, pool_id, ${column}) VALUES ($1, $2, $3, $4)
       ON CONFLICT (connection_id, channel_key) DO UPDATE SET pool_id = excluded.pool_id, ${column} = excluded.${column}`,
      [connectionId, channel, poolId, at],
    );
  }

  async channelSync(connectionId: string): Promise<ChannelSyncRecord[]> {
    const rows = await this.db.query<{ channel_key: string; pool_id: string; last_success_at: number | null; last_failure_at: number | null }>(
      'SELECT channel_key, pool_id, last_success_at, last_failure_at FROM inventory_channel_sync WHERE connection_id = $1 ORDER BY channel_key',
      [connectionId],
    );
    return rows.map((r) => ({
      connectionId, channel: r.channel_key, poolId: r.pool_id, lastSuccessAt: numOrNull(r.last_success_at), lastFailureAt: numOrNull(r.last_failure_at),
    }));
  }

  async replaceOrderLines(connectionId: string, ctOrderId: string, lines: readonly OrderLineUnits[]): Promise<void> {
    const units = new Map<string, number>();
    for (const l of lines) units.set(l.sku, (units.get(l.sku) ?? 0) + l.quantity);
    await this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM order_lines WHERE connection_id = $1 AND ct_order_id = $2', [connectionId, ctOrderId]);
      const rows: SqlValue[][] = [...units].map(([sku, quantity]) => [connectionId, ctOrderId, sku, quantity]);
      await new SqlInventoryRepository(tx).insertRows('order_lines', ['connection_id', 'ct_order_id', 'sku', 'quantity'], rows);
    });
  }

  async openOrderLines(connectionId: string, submittedSince: number, skus?: readonly string[]): Promise<StorefrontOrderLine[]> {
    const base = `SELECT l.ct_order_id, l.sku, l.quantity, o.state, o.seller_fulfillment_order_id, o.submitted_at
      FROM order_lines l JOIN order_links o ON o.connection_id = l.connection_id AND o.ct_order_id = l.ct_order_id
      WHERE l.connection_id = $1 AND o.state <> 'local'
        AND (o.state IN ('blocked', 'submitting') OR (o.submitted_at IS NOT NULL AND o.submitted_at >= $2))`;
    const chunks = skus === undefined ? [undefined] : chunk(skus, SKUS_PER_QUERY);
    const out: StorefrontOrderLine[] = [];
    for (const part of chunks) {
      const params: SqlValue[] = [connectionId, submittedSince, ...(part ?? [])];
      const sql = part ? `${base} AND l.sku IN (${placeholders(3, part.length)})` : base;
      const rows = await this.db.query<{ ct_order_id: string; sku: string; quantity: number; state: string; seller_fulfillment_order_id: string | null; submitted_at: number | null }>(sql, params);
      for (const r of rows) {
        out.push({
          ctOrderId: r.ct_order_id, sku: r.sku, quantity: num(r.quantity), state: r.state as OrderLinkState,
          sellerFulfillmentOrderId: r.seller_fulfillment_order_id, submittedAt: numOrNull(r.submitted_at),
        });
      }
    }
    return out;
  }

  private async bySkus<R>(table: string, where: string, params: readonly SqlValue[], skus: readonly string[] | undefined): Promise<R[]> {
    if (skus === undefined) return this.db.query<R>(`SELECT * FROM ${table} WHERE ${where} ORDER BY sku`, params);
    const out: R[] = [];
    for (const part of chunk([...new Set(skus)], SKUS_PER_QUERY)) {
      out.push(...await this.db.query<R>(`SELECT * FROM ${table} WHERE ${where} AND sku IN (${placeholders(params.length + 1, part.length)}) ORDER BY sku`, [...params, ...part]));
    }
    return out;
  }

  /** INSERT … ON CONFLICT (first `keyCount` columns) DO UPDATE SET every other column, in chunks. */
  private async upsertRows(table: string, columns: readonly string[], keyCount: number, rows: readonly SqlValue[][]): Promise<void> {
    const keys = columns.slice(0, keyCount).join(', ');
    const updates = columns.slice(keyCount).map((c) => `${c} = excluded.${c}`).join(', ');
    await this.insertRows(table, columns, rows, ` ON CONFLICT (${keys}) DO UPDATE SET ${updates}`);
  }

  private async insertRows(table: string, columns: readonly string[], rows: readonly SqlValue[][], suffix = ''): Promise<void> {
    for (const part of chunk(rows, ROWS_PER_STATEMENT)) {
      const values = part.map((_, i) => `(${placeholders(i * columns.length + 1, columns.length)})`).join(', ');
      await this.db.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}${suffix}`, part.flat());
    }
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function toSnapshot(r: SnapshotRow): InventorySnapshotRecord {
  return {
    connectionId: r.connection_id, poolId: r.pool_id, sku: r.sku, fulfillable: num(r.fulfillable), reservedTotal: num(r.reserved_total),
    pendingCustomerOrder: num(r.pending_customer_order), inbound: num(r.inbound), unfulfillable: num(r.unfulfillable),
    researching: num(r.researching), totalQuantity: num(r.total_quantity), amazonUpdatedAt: r.amazon_updated_at, readAt: num(r.read_at),
  };
}

function toEntry(r: EntryRow): InventoryEntryRecord {
  return {
    connectionId: r.connection_id, sku: r.sku, channel: r.channel_key, poolId: r.pool_id, entryId: r.entry_id,
    entryVersion: numOrNull(r.entry_version), quantityOnStock: numOrNull(r.quantity_on_stock), availableQuantity: numOrNull(r.available_quantity),
    expectedQuantity: num(r.expected_quantity), observedAt: num(r.observed_at), writtenAt: numOrNull(r.written_at), differsSince: numOrNull(r.differs_since),
  };
}
