// What the storefront refunded on an order: the successful Refund transactions of the order's
// payments (Order.paymentInfo.payments → Payment.transactions). Money is integer minor units of the
// transaction's currency; times are epoch milliseconds (UTC).
import type { Result } from '../domain/shared/result.js';

export interface StorefrontRefund {
  readonly paymentId: string;
  readonly transactionId: string;
  /** Minor units (cents), positive. */
  readonly amount: number;
  readonly currency: string;
  readonly fractionDigits: number;
  /** The transaction's timestamp; when it has none, the payment's last modification (never earlier than the refund). */
  readonly at: number;
}

export interface OrderRefunds {
  readonly orderId: string;
  readonly orderNumber: string | null;
  /** Oldest first; empty when the order has no successful refund. */
  readonly refunds: readonly StorefrontRefund[];
}

export interface CommercetoolsRefundPort {
  /**
   * The successful storefront refunds of each order asked for, by commercetools order id. Orders that
   * no longer exist are absent from the map. Any number of ids (read in pages).
   */
  refundsOf(orderIds: readonly string[]): Promise<Result<ReadonlyMap<string, OrderRefunds>>>;
}
