// The bridge's own durable state: the queue of work, the links between storefront and Amazon orders,
// exceptions, the inbox of received messages, watermarks and the audit log. One port, two adapters
// (SQLite by default, PostgreSQL for several workers). Every record belongs to a connection.
// Times are epoch milliseconds (UTC) in and out of the store.
import type { RateBucketStore } from './rate-buckets.js';
import type { ExceptionType, OwnerTeam } from '../domain/exceptions/exception-types.js';
import type { OrderRevenue } from '../domain/orders/order-revenue.js';
import type { InventoryRepository } from './inventory-store.js';
import type { SettlementRepository } from './settlement-store.js';
import type { AlertRepository, JobLeaseRepository } from './alert-store.js';
import type { ConsoleRepository } from './console-store.js';
import type { ScheduledTaskLeaseRepository } from './scheduled-task-leases.js';

export interface ConnectionRecord {
  readonly id: string;
  readonly name: string;
  readonly ctProjectKey: string;
  readonly marketplaceId: string;
  readonly sellerKey: string;
}

// ---- work queue -------------------------------------------------------------------------------
// Per storefront order (subjectId = commercetools order id):
// 'order.export' — storefront side changed: route, validate, send, cancel (no Amazon read unless needed);
// 'order.track'  — Amazon side changed: read the fulfillment order, write shipments and state back.
// Later flows add kinds.
export type WorkKind = 'order.export' | 'order.track';
export type WorkState = 'pending' | 'leased' | 'done' | 'dead';

export interface WorkItem {
  readonly id: number;
  readonly connectionId: string;
  readonly kind: WorkKind;
  /** What the work is about, e.g. the commercetools order id or the sellerFulfillmentOrderId. */
  readonly subjectId: string;
  readonly priority: number;
  readonly state: WorkState;
  /** Attempts started so far, this one included once claimed. */
  readonly attempts: number;
  readonly runAt: number;
  readonly leaseOwner: string | null;
  readonly leaseExpiresAt: number | null;
  readonly lastError: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface EnqueueInput {
  readonly connectionId: string;
  readonly kind: WorkKind;
  readonly subjectId: string;
  readonly priority: number;
  /** Earliest time to run; an item already pending keeps the earlier of the two. */
  readonly runAt: number;
}

/** What a wake says about the work just enqueued: its kind and when it is due. */
export type EnqueuedWork = Pick<EnqueueInput, 'kind' | 'runAt'>;

export interface ClaimInput {
  readonly owner: string;
  readonly now: number;
  readonly leaseMs: number;
  readonly limit: number;
  readonly kinds?: readonly WorkKind[];
  /** Serve connections in turns, each at most its share of this worker's slots while others have work (docs/adr/0017). */
  readonly fairShare?: FairShare;
}

export interface FairShare {
  /** This worker's slots (WORKER_CONCURRENCY). */
  readonly slots: number;
  /** What every lease owner of this worker starts with (its items in flight count against its share). */
  readonly ownerPrefix: string;
  /** The least share of one connection, however many connections have work. */
  readonly minPerConnection: number;
}

export interface WorkQueueStats {
  readonly kind: WorkKind;
  readonly pending: number;
  readonly due: number;
  readonly leased: number;
  readonly dead: number;
  readonly done: number;
  /** runAt of the oldest due pending item (epoch ms) or null. */
  readonly oldestDueAt: number | null;
}

export interface WorkQueueRepository {
  /**
   * Marks the subject dirty: one row per (connection, kind, subject). pending → keeps the earlier runAt
   * (unless it waits out a backoff after a failure: that is never shortened) and the higher priority; leased → flagged to run again once the current attempt finishes;
   * done or dead → pending again with a fresh attempt budget (new information may fix it).
   */
  enqueue(input: EnqueueInput, now: number): Promise<void>;
  /** Leases up to `limit` due items, highest priority first, then oldest runAt. Increments attempts. */
  claim(input: ClaimInput): Promise<WorkItem[]>;
  /**
   * Done, unless it was marked dirty meanwhile: then pending again at the runAt the enqueue asked for
   * (usually now) with a fresh attempt budget. False when the lease was lost.
   */
  complete(id: number, owner: string, now: number): Promise<boolean>;
  /** Back to pending at `runAt` (a dirty mark does not shorten the backoff) with the error kept. False when the lease was lost. */
  retry(id: number, owner: string, runAt: number, error: string, now: number): Promise<boolean>;
  /**
   * Dead letter: stays until a person retries it (enqueue) — its exception says why. If it was marked
   * dirty meanwhile it goes pending with a fresh budget instead, as if the enqueue came just after.
   * False when the lease was lost.
   */
  deadLetter(id: number, owner: string, error: string, now: number): Promise<boolean>;
  /**
   * Gives the item back without spending an attempt, due now at a new priority (used when a cheap
   * first look shows the real priority, e.g. an Expedited order). False when the lease was lost.
   */
  requeue(id: number, owner: string, priority: number, now: number): Promise<boolean>;
  /**
   * A dependency is down (not the item's fault): back to pending at `runAt` without spending the
   * attempt, the error kept. False when the lease was lost.
   */
  pause(id: number, owner: string, runAt: number, error: string, now: number): Promise<boolean>;
  /**
   * Dead letters of the connection dead since before `deadBefore` go pending again with a fresh budget
   * (at most `limit`): the sweep that finds them again once their cause may have cleared. Returns how many.
   */
  redriveDead(connectionId: string, deadBefore: number, now: number, limit: number): Promise<number>;
  /** Extends a lease still held. */
  extendLease(id: number, owner: string, leaseExpiresAt: number): Promise<boolean>;
  /** Leases past their expiry go back to pending. Returns how many. */
  reapExpiredLeases(now: number): Promise<number>;
  get(connectionId: string, kind: WorkKind, subjectId: string): Promise<WorkItem | null>;
  stats(connectionId: string, now: number): Promise<WorkQueueStats[]>;
  /** The earliest runAt among pending items (of the given kinds, if any), to know how long to sleep. */
  nextRunAt(kinds?: readonly WorkKind[]): Promise<number | null>;
  /** Whether an item of the connection is pending and due at `priority` or above (a claim would take it before one at `priority`). */
  hasDueAtOrAbove(connectionId: string, priority: number, now: number): Promise<boolean>;
  /**
   * A leased item found to have a lower real priority than the one it was claimed at (a first look)
   * keeps running, but a retry or redrive takes the real one. Only moves `from` → `to`.
   */
  reprioritizeLeased(id: number, from: number, to: number): Promise<void>;
}

// ---- order links --------------------------------------------------------------------------------
export type OrderLinkState =
  | 'local'          // not FBA-bound: nothing to do
  | 'blocked'        // failed validation: an exception says why
  | 'submitting'     // a create was (maybe) sent: outcome unknown until read back
  | 'submitted'      // Amazon has it
  | 'cancelling'     // storefront cancelled; cancel being sent
  | 'closed';        // nothing more to do (complete, cancelled, unfulfillable …)

export interface OrderLink {
  readonly connectionId: string;
  readonly ctOrderId: string;
  readonly orderNumber: string | null;
  readonly sellerFulfillmentOrderId: string | null;
  readonly state: OrderLinkState;
  readonly fbaStatus: string | null;
  readonly shippingSpeed: string | null;
  /** How many lines went to FBA / stayed local. */
  readonly fbaLines: number;
  readonly localLines: number;
  readonly submittedAt: number | null;
  readonly fbaStatusAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type OrderLinkUpsert = Omit<OrderLink, 'createdAt' | 'updatedAt'>;

export interface OrderLinkRepository {
  upsert(link: OrderLinkUpsert, now: number): Promise<void>;
  get(connectionId: string, ctOrderId: string): Promise<OrderLink | null>;
  getBySellerFulfillmentOrderId(connectionId: string, sellerFulfillmentOrderId: string): Promise<OrderLink | null>;
  getByOrderNumber(connectionId: string, orderNumber: string): Promise<OrderLink | null>;
  /**
   * A status Amazon notified, taken by a submitted link whose status is still one of `replaces` (or
   * none), as of `statusAt` (Amazon's time of the change): true when the link moved on. A late
   * notification finds a later status and moves nothing.
   */
  advanceFbaStatus(connectionId: string, ctOrderId: string, status: string, replaces: readonly string[], statusAt: number, now: number): Promise<boolean>;
  /** Links in the given states, oldest update first (for sweeps such as stuck-in-Planning). */
  listByState(connectionId: string, states: readonly OrderLinkState[], limit: number): Promise<OrderLink[]>;
  /**
   * Links sent to Amazon (with a sellerFulfillmentOrderId) updated at or after `since`, in (updatedAt,
   * ctOrderId) order, after the keyset `after` when given: for paged sweeps such as the refund check.
   */
  listSentUpdatedSince(connectionId: string, since: number, after: { readonly updatedAt: number; readonly ctOrderId: string } | null, limit: number): Promise<OrderLink[]>;
  countByState(connectionId: string): Promise<Record<OrderLinkState, number>>;
  /** Keeps what the storefront charged for the order when it was sent to Amazon (the latest record wins). */
  recordRevenue(revenue: OrderRevenue): Promise<void>;
  /** The revenue records of the given orders (those that have one), in no particular order. */
  listRevenue(connectionId: string, ctOrderIds: readonly string[]): Promise<OrderRevenue[]>;
}

// ---- exceptions -------------------------------------------------------------------------------
export type ExceptionStatus = 'open' | 'resolved' | 'ignored';

export interface ExceptionRecord {
  readonly id: number;
  readonly connectionId: string;
  readonly type: ExceptionType;
  readonly owner: OwnerTeam;
  readonly subjectType: 'order' | 'sku' | 'work' | 'settlement' | 'connection';
  readonly subjectId: string;
  /** Human reference, e.g. the order number. */
  readonly subjectLabel: string | null;
  readonly reason: string;
  readonly action: string;
  readonly status: ExceptionStatus;
  readonly occurrences: number;
  readonly firstSeenAt: number;
  readonly lastSeenAt: number;
  readonly resolvedAt: number | null;
}

export interface RaiseExceptionInput {
  readonly connectionId: string;
  readonly type: ExceptionType;
  readonly owner: OwnerTeam;
  readonly subjectType: ExceptionRecord['subjectType'];
  readonly subjectId: string;
  readonly subjectLabel?: string | null;
  readonly reason: string;
  readonly action: string;
}

export interface ExceptionQuery {
  readonly connectionId?: string;
  readonly status?: ExceptionStatus;
  readonly owner?: OwnerTeam;
  readonly type?: ExceptionType;
  /** Any of these types (with `type`, both must hold). */
  readonly types?: readonly ExceptionType[];
  readonly subjectId?: string;
  readonly limit?: number;
}

export interface ExceptionRepository {
  /** Opens one, or refreshes the open/ignored one for the same (connection, type, subject): lastSeen, reason, occurrences+1. */
  raise(input: RaiseExceptionInput, now: number): Promise<ExceptionRecord>;
  /** Resolves open exceptions of the subject (all types, or only those given). Returns how many. */
  resolveForSubject(connectionId: string, subjectType: ExceptionRecord['subjectType'], subjectId: string, now: number, types?: readonly ExceptionType[]): Promise<number>;
  /** As resolveForSubject, in one statement, returning what it resolved (as it now is). */
  resolveOpenForSubject(connectionId: string, subjectType: ExceptionRecord['subjectType'], subjectId: string, now: number, types?: readonly ExceptionType[]): Promise<ExceptionRecord[]>;
  setStatus(id: number, status: ExceptionStatus, now: number): Promise<ExceptionRecord | null>;
  get(id: number): Promise<ExceptionRecord | null>;
  list(query: ExceptionQuery): Promise<ExceptionRecord[]>;
  countOpenByType(connectionId: string): Promise<Array<{ type: ExceptionType; owner: OwnerTeam; count: number }>>;
}

// ---- inbox, watermarks, audit -------------------------------------------------------------------
export interface InboxRepository {
  /** True when the message id is new (and is now recorded); false for a duplicate. */
  record(source: string, messageId: string, now: number): Promise<boolean>;
  /** When the newest message of the source was received (null: none kept), e.g. for intake.silent. */
  lastReceivedAt(source: string): Promise<number | null>;
  purgeOlderThan(cutoff: number): Promise<number>;
}

export interface WatermarkRepository {
  get(connectionId: string, name: string): Promise<string | null>;
  set(connectionId: string, name: string, value: string, now: number): Promise<void>;
}

export interface AuditEntry {
  readonly id: number;
  readonly connectionId: string;
  /** The system written to or observed. */
  readonly system: 'commercetools' | 'amazon' | 'bridge';
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly outcome: 'ok' | 'failed' | 'observed';
  readonly message: string;
  readonly at: number;
}

export type AuditInput = Omit<AuditEntry, 'id'>;

export interface AuditRepository {
  append(entry: AuditInput): Promise<void>;
  listForSubject(connectionId: string, subjectIds: readonly string[], limit: number): Promise<AuditEntry[]>;
}

// ---- retention -------------------------------------------------------------------------------------
export interface PurgeCounts {
  readonly workItems: number;
  readonly auditEntries: number;
  readonly orderLinks: number;
}

export interface RetentionRepository {
  /**
   * Deletes what the bridge no longer needs, last touched before `cutoff`: finished (done or dead) work
   * items, audit rows, and order links with nothing left to do (closed or merchant-fulfilled).
   */
  purgeOlderThan(cutoff: number): Promise<PurgeCounts>;
}

// ---- the store ------------------------------------------------------------------------------------
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly connections: {
    upsert(connection: ConnectionRecord, now: number): Promise<void>;
    list(): Promise<ConnectionRecord[]>;
  };
  readonly work: WorkQueueRepository;
  readonly orderLinks: OrderLinkRepository;
  readonly exceptions: ExceptionRepository;
  readonly inbox: InboxRepository;
  readonly watermarks: WatermarkRepository;
  readonly audit: AuditRepository;
  readonly retention: RetentionRepository;
  readonly inventory: InventoryRepository;
  readonly settlements: SettlementRepository;
  readonly alerts: AlertRepository;
  readonly jobLeases: JobLeaseRepository;
  /** Which worker runs each scheduled task, so each runs once per interval across workers (docs/adr/0016). */
  readonly taskLeases: ScheduledTaskLeaseRepository;
  /** Amazon's token buckets shared by every worker (docs/adr/0010). */
  readonly rateBuckets: RateBucketStore;
  /** People, sessions, API tokens and the audit of the operations console. */
  readonly console: ConsoleRepository;
  /** Runs `fn` atomically: the repositories of `tx` write in one transaction. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  migrate(): Promise<void>;
  close(): Promise<void>;
}
