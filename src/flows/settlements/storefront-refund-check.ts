// The daily storefront refund check (issue 4): an FBA order the bridge sent that the storefront
// refunded should, in time, show a refund on Amazon's side too (a Refund row for its merchant-order-id
// = sellerFulfillmentOrderId in an imported settlement). A successful storefront refund older than the
// grace period (REFUND_MATCH_DAYS, default 30) without any such row is a finance exception
// 'settlement.storefront-refund-unmatched' (one per order, subject = the commercetools order id); it is
// resolved once a settlement with a Refund row for the order is imported (or the storefront refund is
// gone). Matching is per order: any Amazon refund row for the order counts as the counterpart.
// Bounded work per run: links sent to Amazon and updated within the lookback (default 120 days), paged,
// plus the orders whose exception is still open; commercetools is read only for orders without an
// Amazon refund, one query per page.
import { EXCEPTION_INFO, type ExceptionType } from '../../domain/exceptions/exception-types.js';
import type { Failure } from '../../domain/shared/result.js';
import type { CommercetoolsRefundPort, StorefrontRefund } from '../../ports/commercetools-refunds.js';
import type { Logger } from '../../ports/logger.js';
import type { OrderLink, Store } from '../../ports/store.js';

export const STOREFRONT_REFUND_UNMATCHED: ExceptionType = 'settlement.storefront-refund-unmatched';
export const DEFAULT_REFUND_MATCH_MS = 30 * 86_400_000;
export const DEFAULT_REFUND_LOOKBACK_MS = 120 * 86_400_000;
const DEFAULT_PAGE_SIZE = 50;
/** Open exceptions re-checked per run besides the lookback window: a bound, not an expectation. */
const OPEN_EXCEPTIONS_RECHECKED = 1_000;

export interface StorefrontRefundCheckDeps {
  readonly store: Store;
  readonly connectionId: string;
  readonly refunds: CommercetoolsRefundPort;
  /** Epoch ms. */
  readonly now: number;
  /** How long a storefront refund may wait for its Amazon counterpart (REFUND_MATCH_DAYS). */
  readonly graceMs?: number;
  /** Only links updated this recently are looked at (plus those with an open exception). */
  readonly lookbackMs?: number;
  readonly pageSize?: number;
  readonly logger?: Logger;
}

export interface StorefrontRefundCheckResult {
  readonly linksChecked: number;
  /** Orders with an Amazon refund row in an imported settlement (commercetools not asked). */
  readonly matchedByAmazon: number;
  readonly ordersRefunded: number;
  readonly raised: number;
  readonly resolved: number;
  /** Set when commercetools could not be read: the run stopped there; the next one starts over. */
  readonly failure: Failure | null;
}

export async function checkStorefrontRefunds(deps: StorefrontRefundCheckDeps): Promise<StorefrontRefundCheckResult> {
  const { store, connectionId, now } = deps;
  const graceMs = deps.graceMs ?? DEFAULT_REFUND_MATCH_MS;
  const pageSize = Math.max(1, deps.pageSize ?? DEFAULT_PAGE_SIZE);
  const since = now - (deps.lookbackMs ?? DEFAULT_REFUND_LOOKBACK_MS);
  const counts = { linksChecked: 0, matchedByAmazon: 0, ordersRefunded: 0, raised: 0, resolved: 0 };

  const open = await store.exceptions.list({ connectionId, type: STOREFRONT_REFUND_UNMATCHED, status: 'open', limit: OPEN_EXCEPTIONS_RECHECKED });
  const openOrders = new Set(open.map((e) => e.subjectId));
  const seen = new Set<string>();

  const checkPage = async (links: readonly OrderLink[]): Promise<Failure | null> => {
    const askCommercetools: OrderLink[] = [];
    for (const link of links) {
      if (link.sellerFulfillmentOrderId === null || seen.has(link.ctOrderId)) continue;
      seen.add(link.ctOrderId);
      counts.linksChecked++;
      const amazonRefunds = await store.settlements.findRefunds(connectionId, link.sellerFulfillmentOrderId);
      if (amazonRefunds.length > 0) {
        counts.matchedByAmazon++;
        await resolve(link);
      } else {
        askCommercetools.push(link);
      }
    }
    if (askCommercetools.length === 0) return null;
    const read = await deps.refunds.refundsOf(askCommercetools.map((l) => l.ctOrderId));
    if (!read.ok) return read.error;
    for (const link of askCommercetools) {
      const refunds = read.value.get(link.ctOrderId)?.refunds ?? [];
      if (refunds.length > 0) counts.ordersRefunded++;
      const overdue = refunds.filter((r) => r.at <= now - graceMs);
      if (overdue.length === 0) {
        await resolve(link);
        continue;
      }
      await store.exceptions.raise({
        connectionId, type: STOREFRONT_REFUND_UNMATCHED, owner: EXCEPTION_INFO[STOREFRONT_REFUND_UNMATCHED].owner,
        subjectType: 'order', subjectId: link.ctOrderId, subjectLabel: link.orderNumber ?? link.ctOrderId,
        reason: unmatchedReason(link, overdue, graceMs), action: EXCEPTION_INFO[STOREFRONT_REFUND_UNMATCHED].action,
      }, now);
      counts.raised++;
    }
    return null;
  };

  const resolve = async (link: OrderLink): Promise<void> => {
    if (!openOrders.has(link.ctOrderId)) return;
    counts.resolved += await store.exceptions.resolveForSubject(connectionId, 'order', link.ctOrderId, now, [STOREFRONT_REFUND_UNMATCHED]);
    openOrders.delete(link.ctOrderId);
  };

  const finish = (failure: Failure | null): StorefrontRefundCheckResult => {
    const result = { ...counts, failure };
    if (failure) deps.logger?.warn('storefront refund check stopped: commercetools could not be read', { connectionId, failure, ...counts });
    else deps.logger?.info('storefront refund check done', { connectionId, ...counts });
    return result;
  };

  let after: { updatedAt: number; ctOrderId: string } | null = null;
  for (;;) {
    const links = await store.orderLinks.listSentUpdatedSince(connectionId, since, after, pageSize);
    const failure = await checkPage(links);
    if (failure) return finish(failure);
    const last = links[links.length - 1];
    if (last === undefined || links.length < pageSize) break;
    after = { updatedAt: last.updatedAt, ctOrderId: last.ctOrderId };
  }

  // Orders with an open exception whose link has left the window: still re-checked, so they can close.
  const stale = [...openOrders].filter((id) => !seen.has(id));
  for (let start = 0; start < stale.length; start += pageSize) {
    const links: OrderLink[] = [];
    for (const id of stale.slice(start, start + pageSize)) {
      const link = await store.orderLinks.get(connectionId, id);
      if (link !== null) links.push(link);
    }
    const failure = await checkPage(links);
    if (failure) return finish(failure);
  }
  return finish(null);
}

function unmatchedReason(link: OrderLink, overdue: readonly StorefrontRefund[], graceMs: number): string {
  const order = link.orderNumber === null ? `commercetools order ${link.ctOrderId}` : `order ${link.orderNumber}`;
  const what = overdue.map((r) => `${formatMoney(r.amount, r.fractionDigits)} ${r.currency} on ${new Date(r.at).toISOString().slice(0, 10)}`);
  const total = sameCurrencyTotal(overdue);
  return `The storefront refunded ${order} ${joinWords(what)}${total && overdue.length > 1 ? ` (${total} in all)` : ''}, more than ` +
    `${Math.round(graceMs / 86_400_000)} days ago, but no imported Amazon settlement has a refund for merchant order id ` +
    `${link.sellerFulfillmentOrderId ?? '-'} (the FBA order the bridge sent).`;
}

function sameCurrencyTotal(refunds: readonly StorefrontRefund[]): string | null {
  const first = refunds[0];
  if (first === undefined || refunds.some((r) => r.currency !== first.currency || r.fractionDigits !== first.fractionDigits)) return null;
  return `${formatMoney(refunds.reduce((n, r) => n + r.amount, 0), first.fractionDigits)} ${first.currency}`;
}

/** Minor units as a decimal amount, e.g. 1999 with 2 digits → "19.99" (integer arithmetic, no float). */
export function formatMoney(minor: number, fractionDigits: number): string {
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(fractionDigits + 1, '0');
  if (fractionDigits <= 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -fractionDigits)}.${digits.slice(-fractionDigits)}`;
}

function joinWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`;
}
