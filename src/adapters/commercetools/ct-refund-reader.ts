// Storefront refunds of commercetools orders: one query per page of order ids (`id in (…)`), with the
// order's payments expanded, keeping each payment's transactions of type Refund in state Success.
// Reads only; errors become Failures the way every commercetools call does (ct-errors.ts).
import type { Order, Payment, Transaction } from '@commercetools/platform-sdk';
import { ok, type Result } from '../../domain/shared/result.js';
import type { CommercetoolsRefundPort, OrderRefunds, StorefrontRefund } from '../../ports/commercetools-refunds.js';
import type { CommercetoolsApi } from './ct-api-client.js';
import { send } from './ct-errors.js';

/** Order ids per query: keeps the `where` well under URL limits and within commercetools' page size. */
export const REFUND_READ_PAGE = 50;
const EXPAND = ['paymentInfo.payments[*]'];

export class CommercetoolsRefundReader implements CommercetoolsRefundPort {
  constructor(private readonly api: CommercetoolsApi) {}

  async refundsOf(orderIds: readonly string[]): Promise<Result<ReadonlyMap<string, OrderRefunds>>> {
    const found = new Map<string, OrderRefunds>();
    const ids = [...new Set(orderIds)];
    for (let start = 0; start < ids.length; start += REFUND_READ_PAGE) {
      const page = ids.slice(start, start + REFUND_READ_PAGE);
      const where = `id in (${page.map((id) => JSON.stringify(id)).join(', ')})`;
      const answer = await send(() =>
        this.api.orders().get({ queryArgs: { where, expand: EXPAND, limit: page.length, withTotal: false } }).execute(),
      );
      if (!answer.ok) return answer;
      for (const order of answer.value.results) found.set(order.id, toOrderRefunds(order));
    }
    return ok(found);
  }
}

export function toOrderRefunds(order: Order): OrderRefunds {
  const refunds: StorefrontRefund[] = [];
  for (const reference of order.paymentInfo?.payments ?? []) {
    // Not expanded (a payment deleted since, or no view_payments scope): nothing to read from it.
    const payment: Payment | undefined = reference.obj;
    if (payment === undefined) continue;
    for (const transaction of payment.transactions) {
      if (transaction.type === 'Refund' && transaction.state === 'Success') refunds.push(toRefund(payment, transaction));
    }
  }
  refunds.sort((a, b) => a.at - b.at || (a.transactionId < b.transactionId ? -1 : 1));
  return { orderId: order.id, orderNumber: order.orderNumber ?? null, refunds };
}

function toRefund(payment: Payment, transaction: Transaction): StorefrontRefund {
  const at = Date.parse(transaction.timestamp ?? payment.lastModifiedAt);
  return {
    paymentId: payment.id,
    transactionId: transaction.id,
    amount: transaction.amount.centAmount,
    currency: transaction.amount.currencyCode,
    fractionDigits: transaction.amount.fractionDigits,
    at: Number.isNaN(at) ? Date.parse(payment.lastModifiedAt) : at,
  };
}
