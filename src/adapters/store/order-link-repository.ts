// Order links: which storefront order became which Amazon fulfillment order, and where it stands;
// and what the storefront charged for it when it was sent (order_revenue, migrations/*/004).
import type { OrderRevenue } from '../../domain/orders/order-revenue.js';
import type { OrderLink, OrderLinkRepository, OrderLinkState, OrderLinkUpsert } from '../../ports/store.js';
import { placeholders, type SqlDriver } from './sql-driver.js';

const ORDER_LINK_STATES: readonly OrderLinkState[] = ['local', 'blocked', 'submitting', 'submitted', 'cancelling', 'closed'];

interface OrderLinkRow {
  connection_id: string;
  ct_order_id: string;
  order_number: string | null;
  seller_fulfillment_order_id: string | null;
  state: string;
  fba_status: string | null;
  shipping_speed: string | null;
  fba_lines: number;
  local_lines: number;
  submitted_at: number | null;
  fba_status_at: number | null;
  created_at: number;
  updated_at: number;
}

const UPSERT = `
  INSERT INTO order_links (connection_id, ct_order_id, order_number, seller_fulfillment_order_id, state, fba_status,
    shipping_speed, fba_lines, local_lines, submitted_at, fba_status_at, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
  ON CONFLICT (connection_id, ct_order_id) DO UPDATE SET
    order_number = excluded.order_number,
    seller_fulfillment_order_id = excluded.seller_fulfillment_order_id,
    state = excluded.state,
    fba_status = excluded.fba_status,
    shipping_speed = excluded.shipping_speed,
    fba_lines = excluded.fba_lines,
    local_lines = excluded.local_lines,
    submitted_at = excluded.submitted_at,
    fba_status_at = excluded.fba_status_at,
    updated_at = excluded.updated_at`;

interface OrderRevenueRow {
  connection_id: string;
  ct_order_id: string;
  order_number: string | null;
  seller_fulfillment_order_id: string | null;
  currency: string;
  fraction_digits: number;
  total_gross: number;
  fba_lines_value: number | null;
  recorded_at: number;
}

const UPSERT_REVENUE = `
  INSERT INTO order_revenue (connection_id, ct_order_id, order_number, seller_fulfillment_order_id, currency, fraction_digits,
    total_gross, fba_lines_value, recorded_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
  ON CONFLICT (connection_id, ct_order_id) DO UPDATE SET
    order_number = excluded.order_number,
    seller_fulfillment_order_id = excluded.seller_fulfillment_order_id,
    currency = excluded.currency,
    fraction_digits = excluded.fraction_digits,
    total_gross = excluded.total_gross,
    fba_lines_value = excluded.fba_lines_value,
    recorded_at = excluded.recorded_at`;

/** Order ids per IN list: well under SQLite's and PostgreSQL's parameter limits. */
const REVENUE_BATCH = 500;

export class SqlOrderLinkRepository implements OrderLinkRepository {
  constructor(private readonly db: SqlDriver) {}

  async advanceFbaStatus(connectionId: string, ctOrderId: string, status: string, replaces: readonly string[], statusAt: number, now: number): Promise<boolean> {
    const earlier = replaces.length > 0 ? ` OR fba_status IN (${placeholders(6, replaces.length)})` : '';
    const changed = await this.db.run(
      `UPDATE order_links SET fba_status = $3, fba_status_at = $4, updated_at = $5
       WHERE connection_id = $1 AND ct_order_id = $2 AND state = 'submitted' AND (fba_status IS NULL${earlier})`,
      [connectionId, ctOrderId, status, statusAt, now, ...replaces],
    );
    return changed > 0;
  }

  async upsert(link: OrderLinkUpsert, now: number): Promise<void> {
    await this.db.run(UPSERT, [
      link.connectionId,
      link.ctOrderId,
      link.orderNumber,
      link.sellerFulfillmentOrderId,
      link.state,
      link.fbaStatus,
      link.shippingSpeed,
      link.fbaLines,
      link.localLines,
      link.submittedAt,
      link.fbaStatusAt,
      now,
    ]);
  }

  get(connectionId: string, ctOrderId: string): Promise<OrderLink | null> {
    return this.one('ct_order_id', connectionId, ctOrderId);
  }

  getBySellerFulfillmentOrderId(connectionId: string, sellerFulfillmentOrderId: string): Promise<OrderLink | null> {
    return this.one('seller_fulfillment_order_id', connectionId, sellerFulfillmentOrderId);
  }

  getByOrderNumber(connectionId: string, orderNumber: string): Promise<OrderLink | null> {
    return this.one('order_number', connectionId, orderNumber);
  }

  async listByState(connectionId: string, states: readonly OrderLinkState[], limit: number): Promise<OrderLink[]> {
    if (states.length === 0 || limit <= 0) return [];
    const rows = await this.db.query<OrderLinkRow>(
      `SELECT * FROM order_links WHERE connection_id = $1 AND state IN (${placeholders(3, states.length)})
       ORDER BY updated_at, ct_order_id LIMIT $2`,
      [connectionId, limit, ...states],
    );
    return rows.map(toOrderLink);
  }

  async listSentUpdatedSince(
    connectionId: string,
    since: number,
    after: { readonly updatedAt: number; readonly ctOrderId: string } | null,
    limit: number,
  ): Promise<OrderLink[]> {
    if (limit <= 0) return [];
    const keyset = after === null ? '' : 'AND (updated_at > $4 OR (updated_at = $4 AND ct_order_id > $5))';
    const rows = await this.db.query<OrderLinkRow>(
      `SELECT * FROM order_links
       WHERE connection_id = $1 AND seller_fulfillment_order_id IS NOT NULL AND updated_at >= $2 ${keyset}
       ORDER BY updated_at, ct_order_id LIMIT $3`,
      after === null ? [connectionId, since, limit] : [connectionId, since, limit, after.updatedAt, after.ctOrderId],
    );
    return rows.map(toOrderLink);
  }

  async countByState(connectionId: string): Promise<Record<OrderLinkState, number>> {
    const rows = await this.db.query<{ state: string; count: number }>(
      'SELECT state, COUNT(*) AS count FROM order_links WHERE connection_id = $1 GROUP BY state',
      [connectionId],
    );
    const counts = Object.fromEntries(ORDER_LINK_STATES.map((state) => [state, 0])) as Record<OrderLinkState, number>;
    for (const row of rows) counts[row.state as OrderLinkState] = row.count;
    return counts;
  }

  async recordRevenue(r: OrderRevenue): Promise<void> {
    await this.db.run(UPSERT_REVENUE, [
      r.connectionId, r.ctOrderId, r.orderNumber, r.sellerFulfillmentOrderId, r.currency, r.fractionDigits, r.totalGross, r.fbaLinesValue, r.recordedAt,
    ]);
  }

  async listRevenue(connectionId: string, ctOrderIds: readonly string[]): Promise<OrderRevenue[]> {
    const ids = [...new Set(ctOrderIds)];
    const found: OrderRevenue[] = [];
    for (let start = 0; start < ids.length; start += REVENUE_BATCH) {
      const batch = ids.slice(start, start + REVENUE_BATCH);
      const rows = await this.db.query<OrderRevenueRow>(
        `SELECT * FROM order_revenue WHERE connection_id = $1 AND ct_order_id IN (${placeholders(2, batch.length)})`,
        [connectionId, ...batch],
      );
      found.push(...rows.map(toOrderRevenue));
    }
    return found;
  }

  private async one(
    column: 'ct_order_id' | 'seller_fulfillment_order_id' | 'order_number',
    connectionId: string,
    value: string,
  ): Promise<OrderLink | null> {
    // Order numbers are not unique by constraint; take the latest so a re-used number finds the live order.
    const rows = await this.db.query<OrderLinkRow>(
      `SELECT * FROM order_links WHERE connection_id = $1 AND ${column} = $2 ORDER BY updated_at DESC LIMIT 1`,
      [connectionId, value],
    );
    return rows[0] ? toOrderLink(rows[0]) : null;
  }
}

function toOrderLink(row: OrderLinkRow): OrderLink {
  return {
    connectionId: row.connection_id,
    ctOrderId: row.ct_order_id,
    orderNumber: row.order_number,
    sellerFulfillmentOrderId: row.seller_fulfillment_order_id,
    state: row.state as OrderLinkState,
    fbaStatus: row.fba_status,
    shippingSpeed: row.shipping_speed,
    fbaLines: row.fba_lines,
    localLines: row.local_lines,
    submittedAt: row.submitted_at,
    fbaStatusAt: row.fba_status_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toOrderRevenue(row: OrderRevenueRow): OrderRevenue {
  return {
    connectionId: row.connection_id, ctOrderId: row.ct_order_id, orderNumber: row.order_number,
    sellerFulfillmentOrderId: row.seller_fulfillment_order_id, currency: row.currency, fractionDigits: row.fraction_digits,
    totalGross: row.total_gross, fbaLinesValue: row.fba_lines_value, recordedAt: row.recorded_at,
  };
}
