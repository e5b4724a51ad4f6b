// The scheduled storefront refund check of one connection: daily (first run an hour after start, so a
// restart loop does not hammer commercetools), storefront-refund-check.ts.
import type { CommercetoolsRefundPort } from '../../ports/commercetools-refunds.js';
import type { ScheduledTask } from '../../engine/scheduler.js';
import { checkStorefrontRefunds, DEFAULT_REFUND_MATCH_MS } from './storefront-refund-check.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { Store } from '../../ports/store.js';

export const STOREFRONT_REFUND_CHECK_INTERVAL_MS = 24 * 3600_000;
const FIRST_RUN_AFTER_MS = 3600_000;

export interface StorefrontRefundScheduleShared {
  readonly store: Store;
  readonly workClock: Clock;
  readonly logger: Logger;
  /** REFUND_MATCH_DAYS in ms; default 30 days. */
  readonly graceMs?: number | undefined;
}

export function storefrontRefundCheckTask(connectionId: string, refunds: CommercetoolsRefundPort, shared: StorefrontRefundScheduleShared): ScheduledTask {
  const logger = shared.logger.child({ connection: connectionId, component: 'storefront-refund-check' });
  return {
    name: `${connectionId}:storefront-refund-check`,
    intervalMs: STOREFRONT_REFUND_CHECK_INTERVAL_MS,
    initialDelayMs: FIRST_RUN_AFTER_MS,
    run: async () => {
      await checkStorefrontRefunds({
        store: shared.store, connectionId, refunds, now: shared.workClock.now().getTime(),
        graceMs: shared.graceMs ?? DEFAULT_REFUND_MATCH_MS, logger,
      });
    },
  };
}
