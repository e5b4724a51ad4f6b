// Order links: which storefront order became which Amazon fulfillment order, and where it stands.
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

export class SqlOrderLinkRepository implements OrderLinkRepository {
  constructor(private readonly db: SqlDriver) {}

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

  async countByState(connectionId: string): Promise<Record<OrderLinkState, number>> {
    const rows = await this.db.query<{ state: string; count: number }>(
      'SELECT state, COUNT(*) AS count FROM order_links WHERE connection_id = $1 GROUP BY state',
      [connectionId],
    );
    const counts = Object.fromEntries(ORDER_LINK_STATES.map((state) => [state, 0])) as Record<OrderLinkState, number>;
    for (const row of rows) counts[row.state as OrderLinkState] = row.count;
    return counts;
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
