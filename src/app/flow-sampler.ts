// Every few minutes the serving process records each flow's backlog and lag, so the console's
// Overview can chart the last 24 hours; samples older than two days are of no use to it.
import type { ScheduledTask } from '../engine/scheduler.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Store } from '../ports/store.js';
import type { InventorySettings } from '../config/inventory-schema.js';
import { sampleFlows } from '../reports/console-overview.js';

export const FLOW_SAMPLE_EVERY_MS = 5 * 60_000;

export function flowSamplerTask(store: Store, clock: Clock, logger: Logger, inventory?: InventorySettings): ScheduledTask {
  return {
    name: 'console-flow-samples',
    intervalMs: FLOW_SAMPLE_EVERY_MS,
    run: async () => {
      try {
        await store.console.recordFlowSamples(await sampleFlows(store, clock.now().getTime(), inventory));
      } catch (error) {
        logger.warn('could not record flow samples for the console', { error });
      }
    },
  };
}
