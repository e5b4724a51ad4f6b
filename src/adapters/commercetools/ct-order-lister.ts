// The polling safety net's read: orders modified since a watermark, oldest first, in keyset pages.
import type { StorefrontOrder } from '../../domain/orders/storefront-order.js';
import { ok, type Result } from '../../domain/shared/result.js';
import type { OrderPage } from '../../ports/commercetools-orders.js';
import type { CommercetoolsApi } from './ct-api-client.js';
import { FBA_ORDER_FIELDS } from './ct-bridge-resources.js';
import { send } from './ct-errors.js';
import { decodeCursor, encodeCursor, MODIFIED_SINCE_SORT, modifiedSincePredicate, normaliseSince, type OrderCursor } from './ct-order-cursor.js';
import { ORDER_EXPANSIONS, toStorefrontOrder } from './ct-order-mapper.js';

/** Orders the bridge exported that have since been cancelled: the cancellation sweep's narrowing. */
export const CANCELLED_EXPORTED_ORDERS = `orderState = "Cancelled" and custom(fields(${FBA_ORDER_FIELDS.sellerFulfillmentOrderId} is defined))`;
/** Orders a merchant marked for FBA with the custom field (one of the ways an order can be FBA-bound). */
export const FBA_MARKED_ORDERS = `custom(fields(${FBA_ORDER_FIELDS.fulfillmentChannel} = "FBA"))`;

// commercetools answers at most 500 per page; one extra row tells whether another page follows.
const MAX_PAGE_SIZE = 499;

export class OrderLister {
  constructor(private readonly api: CommercetoolsApi) {}

  async list(since: string, where: string | undefined, cursorText: string | undefined, pageSize: number): Promise<Result<OrderPage>> {
    const from = normaliseSince(since);
    if (!from.ok) return from;
    let cursor: OrderCursor | undefined;
    if (cursorText !== undefined) {
      const decoded = decodeCursor(cursorText);
      if (!decoded.ok) return decoded;
      cursor = decoded.value;
    }
    const size = Math.min(Math.max(Math.trunc(pageSize), 1), MAX_PAGE_SIZE);
    const predicate = modifiedSincePredicate(from.value, cursor);
    const page = await send(() =>
      this.api
        .orders()
        .get({
          queryArgs: {
            where: where ? [predicate, where] : predicate,
            sort: MODIFIED_SINCE_SORT,
            limit: size + 1,
            withTotal: false,
            expand: ORDER_EXPANSIONS,
          },
        })
        .execute(),
    );
    if (!page.ok) return page;

    const rows = page.value.results.slice(0, size);
    const orders: StorefrontOrder[] = [];
    for (const row of rows) {
      const mapped = toStorefrontOrder(row);
      if (!mapped.ok) return mapped;
      orders.push(mapped.value);
    }
    const last = rows[rows.length - 1];
    const more = page.value.results.length > size && last !== undefined;
    return ok(more ? { orders, cursor: encodeCursor({ lastModifiedAt: last.lastModifiedAt, id: last.id }) } : { orders });
  }
}
