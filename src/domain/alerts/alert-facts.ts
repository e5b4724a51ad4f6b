// What the alert rules and the health verdicts look at: one snapshot of facts per connection, gathered
// by src/reports/bridge-facts.ts from the store, the configuration and the dependency status. Pure data,
// times in epoch ms, so every rule is a pure function that a unit test can feed.
import type { ExceptionType, OwnerTeam } from '../exceptions/exception-types.js';
import type { AlertRuleId, AlertSeverity } from './alert-rule-catalogue.js';

export type DependencyFactName = 'amazon-sp-api' | 'amazon-lwa' | 'commercetools' | 'database';
export type DependencyFactCategory = 'unreachable' | 'auth-refused' | 'server-error';

export interface DependencyFact {
  readonly dependency: DependencyFactName;
  readonly state: 'closed' | 'open' | 'half-open';
  readonly since: number;
  readonly category: DependencyFactCategory | null;
  readonly detail: string | null;
}

export interface OrderFacts {
  /** When the oldest FBA-bound order not yet at Amazon became due (pending export work or a link still 'submitting'). */
  readonly oldestUnsentAt: number | null;
  readonly unsentCount: number;
  /** Orders Amazon accepted but holds (Received/Planning), with when each status was seen. */
  readonly heldAtAmazon: ReadonlyArray<{ readonly orderNumber: string | null; readonly since: number }>;
  /** When the oldest due tracking work (Amazon shipped or changed, not yet written back) became due. */
  readonly oldestTrackingDueAt: number | null;
  readonly trackingDueCount: number;
}

export interface ExceptionFacts {
  readonly type: ExceptionType;
  readonly owner: OwnerTeam;
  readonly open: number;
  /** Open ones first seen after the previous evaluation. */
  readonly fresh: number;
}

export interface InventoryPoolFacts {
  readonly poolId: string;
  readonly snapshotAgeSeconds: number | null;
  /**
   * Per channel: the age of its last successful post, and whether its posts are failing (the last post
   * failed). A channel whose stock did not change has no post to make: quiet is not late.
   */
  readonly channels: ReadonlyArray<{ readonly channel: string; readonly lastPostAgeSeconds: number | null; readonly failing: boolean }>;
  readonly driftBeyondThreshold: number;
}

export interface InventoryFacts {
  /** The incremental schedule: a snapshot older than twice this is stale. */
  readonly scheduleSeconds: number;
  readonly driftThresholdSeconds: number;
  readonly pools: readonly InventoryPoolFacts[];
}

export interface SettlementFacts {
  readonly lastImportedAt: number | null;
  /** Since when the bridge has watched this connection (the clock for "no settlement yet"). */
  readonly watchingSince: number;
  readonly unreconciledRefunds: number;
}

export interface IntakeFacts {
  /** The last commercetools event received by the intake; null: none ever (no subscription set up). */
  readonly lastEventAt: number | null;
  /** The last time polling found a new order no event had announced. */
  readonly lastPolledNewOrderAt: number | null;
}

export interface ConnectionFacts {
  readonly connectionId: string;
  readonly now: number;
  readonly dependencies: readonly DependencyFact[];
  readonly orders: OrderFacts;
  readonly exceptions: readonly ExceptionFacts[];
  /** null: inventory sync is not configured. */
  readonly inventory: InventoryFacts | null;
  readonly settlements: SettlementFacts;
  readonly intake: IntakeFacts;
}

/** A condition a rule found true now. Its key names the problem: the same key is the same alert. */
export interface Finding {
  readonly rule: AlertRuleId;
  readonly key: string;
  readonly connectionId: string;
  readonly team: OwnerTeam;
  readonly severity: AlertSeverity;
  readonly summary: string;
  readonly details: Readonly<Record<string, string | number>>;
  /** When the condition began, when known. */
  readonly since: number | null;
}
