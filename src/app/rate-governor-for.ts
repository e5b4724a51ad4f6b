// Picks the rate governor for this process (docs/adr/0010): Amazon's buckets in this process for one
// bridge on SQLite, in the shared database or Redis when several workers serve the same sellers.
import type { BridgeConfig } from '../config/bridge-config.js';
import type { Logger } from '../ports/logger.js';
import type { RateGovernor } from '../ports/rate-governor.js';
import type { Store } from '../ports/store.js';
import { PriorityRateGovernor } from '../engine/priority-rate-governor.js';
import { SharedRateGovernor } from '../engine/shared-rate-governor.js';
import { RedisRateBuckets } from '../adapters/redis/redis-rate-buckets.js';

export interface ClosableRateGovernor extends RateGovernor {
  /** Stops: waiters are refused, connections closed. */
  shutdown(): Promise<void>;
  readonly where: 'local' | 'database' | 'redis';
}

export function rateGovernorFor(config: Pick<BridgeConfig, 'rateLimits'>, store: Store, logger: Logger): ClosableRateGovernor {
  const where = config.rateLimits?.store ?? (store.dialect === 'postgres' ? 'database' : 'local');
  const log = logger.child({ component: 'rate-governor', rateBuckets: where });
  if (where === 'local') {
    const governor = new PriorityRateGovernor({ logger: log });
    return Object.assign(governor, { where, shutdown: async () => governor.close() });
  }
  if (where === 'redis') {
    const url = config.rateLimits?.redisUrl;
    if (!url) throw new Error('RATE_LIMIT_STORE=redis needs REDIS_URL');
    const buckets = new RedisRateBuckets(url.reveal());
    const governor = new SharedRateGovernor({ buckets, logger: log });
    return Object.assign(governor, { where, shutdown: async () => { governor.close(); await buckets.close(); } });
  }
  const governor = new SharedRateGovernor({ buckets: store.rateBuckets, logger: log });
  return Object.assign(governor, { where, shutdown: async () => governor.close() });
}
