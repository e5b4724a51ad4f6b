// The order work of one process: a runner for both kinds of order work, and a few slots of their own
// for tracking. Order exports waiting for Amazon's createFulfillmentOrder tokens can hold every slot of
// a runner whose claim takes the highest priority first (exports rank above tracking), so at peak the
// tracking write-back would wait behind the whole order backlog. Tracking spends other buckets
// (getFulfillmentOrder, getPackageTrackingDetails), so its own slots take no token from the orders.
import { WorkRunner } from '../engine/work-runner.js';
import type { WorkHandler } from '../engine/work-handler.js';
import type { WorkRunnerOptions } from '../engine/work-runner-options.js';
import type { EnqueuedWork } from '../ports/store.js';

export interface OrderWorkRunners {
  start(): void;
  /** New work: each runner claims if it runs that kind and the work is due (WorkRunner.wake). */
  wake(enqueued?: EnqueuedWork): void;
  stop(): Promise<void>;
}

/** Slots that only run tracking: a quarter of WORKER_CONCURRENCY, at least one. */
export function trackingSlots(concurrency: number): number {
  return Math.max(1, Math.ceil(concurrency / 4));
}

export type OrderRunnerOptions = Omit<WorkRunnerOptions, 'handlers' | 'concurrency' | 'workerId'> & {
  readonly workerId: string;
  readonly concurrency: number;
  readonly handle: WorkHandler;
};

export function startableOrderWorkRunners(o: OrderRunnerOptions): OrderWorkRunners {
  const { handle, concurrency, workerId, ...shared } = o;
  const all = new WorkRunner({ ...shared, workerId, concurrency, handlers: { 'order.export': handle, 'order.track': handle } });
  const tracking = new WorkRunner({
    ...shared, workerId: `${workerId}:tracking`, concurrency: trackingSlots(concurrency), handlers: { 'order.track': handle },
    logger: shared.logger.child({ runner: 'tracking' }),
  });
  const runners = [all, tracking];
  return {
    start: () => { for (const r of runners) r.start(); },
    wake: (enqueued) => { for (const r of runners) r.wake(enqueued); },
    stop: async () => { await Promise.all(runners.map((r) => r.stop())); },
  };
}
