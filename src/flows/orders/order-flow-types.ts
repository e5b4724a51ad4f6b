// What every order flow needs, handed in as one `deps` object (ports, not adapters), and what a flow
// tells the engine when it is done with a piece of work.
import type { AmazonFulfillmentPort } from '../../ports/amazon-fulfillment.js';
import type { CommercetoolsOrderPort } from '../../ports/commercetools-orders.js';
import type { Store } from '../../ports/store.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { RoutingConfig } from '../../domain/orders/routing.js';
import type { KnownSkuCache } from './known-sku-cache.js';
import type { FlowMetrics } from '../../ports/flow-metrics.js';
import type { AmazonLookMemory } from '../shipments/amazon-look-memory.js';

export interface OrderFlowDeps {
  readonly connectionId: string;
  readonly marketplaceId: string;
  readonly routing: RoutingConfig;
  readonly store: Store;
  readonly commercetools: CommercetoolsOrderPort;
  readonly amazon: AmazonFulfillmentPort;
  readonly knownSkus: KnownSkuCache;
  /** Business time (Amazon timestamps are compared with it); the simulator's clock in a demo. */
  readonly clock: Clock;
  /** Real time for the work queue (runAt, leases): the engine sleeps on it. */
  readonly workClock: Clock;
  readonly logger: Logger;
  readonly stuckInPlanningMs: number;
  /** Amazon's answer at each order's last tracking look that was written back (a look that finds it again skips commercetools). */
  readonly amazonLooks: AmazonLookMemory;
  /** Round-trip histograms (start only). */
  readonly metrics?: FlowMetrics;
}

export type TaskOutcome =
  | { readonly outcome: 'done' }
  | { readonly outcome: 'retry'; readonly error: string; readonly delayMs?: number }
  | { readonly outcome: 'dead'; readonly error: string }
  | { readonly outcome: 'requeue'; readonly priority: number };

export const DONE: TaskOutcome = { outcome: 'done' };

/**
 * Work priority of an order not looked at yet (an event named it): the first look costs one commercetools
 * read and no Amazon token, and finds its real priority, at which the order is then queued again. Above
 * every order priority, so a Priority order announced by an event is not stuck behind a Standard backlog
 * waiting for that first look (at peak it waited 55 s at p95 when this was below Standard). Events are
 * authenticated and deduplicated (ADR 0015), so only genuine, new messages get this turn.
 */
export const TRIAGE_PRIORITY = 510;
/** Work priority of reading an order back from Amazon (shipments, status) after Amazon said it changed. */
export const TRACK_PRIORITY = 300;
/**
 * After Amazon said a shipment left: the tracking number a customer waits for. Each look costs a
 * getFulfillmentOrder token (2/s), so at peak these go before looks at mere status changes.
 */
export const SHIPMENT_TRACK_PRIORITY = 350;
/**
 * The sweep's look at every open order: below every look an event asked for, because it only finds
 * what events missed — hundreds of sweep looks must not spend the tokens a shipment's tracking needs.
 */
export const SWEEP_TRACK_PRIORITY = 250;
/**
 * After Amazon notified a status on the way (New, Received, Planning, Processing): the notification says
 * all a look would learn, so the order's status is written without asking Amazon (docs/adr/0024). Below
 * every look, so that any look asked for meanwhile (a shipment, the change poll, a cancel) raises the
 * item above it and the run reads Amazon after all; above the sweep.
 */
export const STATUS_NOTE_PRIORITY = 275;
/**
 * How long a status note waits before it is written: statuses that follow each other within it (or a
 * shipment, whose look writes the status too) make one commercetools write instead of one each. The
 * status is informational on the order; the link has it at once.
 */
export const STATUS_NOTE_SETTLE_MS = 60_000;
