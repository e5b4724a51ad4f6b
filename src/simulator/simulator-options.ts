// Options of the simulator and its fault injection, checked once at start (and at every run-time
// change through the admin API) so a typo fails loudly instead of rehearsing the wrong scenario.
import type { RealTimer } from './http/http-io.js';
import type { SimulatorClock } from './simulator-clock.js';
import { OPERATIONS, SANDBOX_ONLY, type OperationName } from './http/usage-plans.js';
import { NOTIFY_FORMATS, type NotifyFormat } from './notifications/notification-json.js';

export interface FaultOptions {
  /** Share of SP-API requests answered 500/503 InternalFailure-style (0–1). */
  readonly faultRate?: number;
  /** Share of SP-API requests that time out: the socket is held `timeoutMs`, then destroyed. */
  readonly timeoutRate?: number;
  /** Share of SP-API requests answered 429 QuotaExceeded although the bucket had tokens. */
  readonly throttleRate?: number;
  /** Extra latency per SP-API request, ms (each request waits 0.5–1.5 × this, drawn from the seed). */
  readonly latencyMs?: number;
  /** Share of new orders stuck in Planning forever. */
  readonly stuckRate?: number;
  /** How long a timed-out request holds the socket before destroying it; 0 destroys at once. */
  readonly timeoutMs?: number;
  /**
   * Share of injected 5xx/timeouts that strike AFTER the request took effect (the order exists but
   * the client saw a failure); the rest strike before. Default 0.5.
   */
  readonly afterEffectShare?: number;
  /** Operations faults apply to; default every SP-API operation that is not sandbox-only. */
  readonly operations?: readonly OperationName[];
}

export type ResolvedFaults = Required<FaultOptions>;

export interface AmazonSimulatorOptions {
  readonly port: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Every random choice derives from it; default 1. */
  readonly seed?: number;
  /** Simulated seconds per real second; default 1. Ignored when `clock` is given. */
  readonly timeScale?: number;
  readonly faults?: FaultOptions;
  /** Multiplies every operation's refill rate (real time); default 1. */
  readonly rateScale?: number;
  /** Simulated start time (ISO or epoch ms); default now. Ignored when `clock` is given. */
  readonly startTime?: string | number;
  /** Injected simulated clock, e.g. a ManualClock in tests. */
  readonly clock?: SimulatorClock;
  /** Injected real-time source (token buckets, access-token expiry); default Date.now. */
  readonly realNow?: () => number;
  /** Injected real-time timer for injected latency and held timed-out sockets; default setTimeout. */
  readonly realTimer?: RealTimer;
  /** JSON snapshot loaded at start when present and written by close(). */
  readonly stateFile?: string;
  /** Sales on Amazon's own marketplace per SKU per simulated hour, drawing on the same pool; default 0. */
  readonly marketplaceSalesPerHour?: number;
  /** Where notifications are POSTed (FBA_INVENTORY_AVAILABILITY_CHANGES, FULFILLMENT_ORDER_STATUS); none by default. */
  readonly notifyUrl?: string;
  /** Sent with every POST to notifyUrl as `Authorization: Bearer <secret>`: the bridge's INTAKE_SECRET. */
  readonly notifySecret?: string;
  /** 'sqs' (default): the notification JSON as an SQS message body; 'eventbridge': wrapped in an EventBridge event. */
  readonly notifyFormat?: NotifyFormat;
  /**
   * The SQS endpoint the Notifications API's subscriptions deliver to (the queue named by the
   * destination's ARN, found there with GetQueueUrl), e.g. a local SQS-compatible server; none by default.
   */
  readonly sqsEndpoint?: string;
  /** Region the SQS client signs for; default us-east-1. */
  readonly sqsRegion?: string;
  /** The simulated seller's id (SellerId in notifications); default 'A1SIMULATEDSELLR'. */
  readonly sellerId?: string;
  /** Real ms waited before each retry of a failed delivery; default [250, 1000, 4000]. */
  readonly notifyRetryDelaysMs?: readonly number[];
  /** A settlement period closes (and its settlement reports appear) every this many simulated days; default 14. */
  readonly settlementDays?: number;
  /** Share (0–1) of Amazon-marketplace sales refunded in a later settlement period; default 0.05. */
  readonly refundRate?: number;
}

export const DEFAULT_SELLER_ID = 'A1SIMULATEDSELLR';

/** Checks the inventory and notification options; throws RangeError with a message a person can act on. */
export function checkStockOptions(options: AmazonSimulatorOptions): void {
  const rate = options.marketplaceSalesPerHour ?? 0;
  if (typeof rate !== 'number' || !(rate >= 0) || !Number.isFinite(rate)) throw new RangeError(`marketplaceSalesPerHour must be a number ≥ 0, got ${String(rate)}`);
  if (options.notifyUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(options.notifyUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new RangeError(`notifyUrl must be an http(s) URL, got ${options.notifyUrl}`);
  }
  if (options.sqsEndpoint !== undefined && !/^https?:\/\/\S+$/.test(options.sqsEndpoint)) throw new RangeError(`sqsEndpoint must be an http(s) URL, got ${options.sqsEndpoint}`);
  if (options.notifyFormat !== undefined && !(NOTIFY_FORMATS as readonly string[]).includes(options.notifyFormat)) {
    throw new RangeError(`notifyFormat must be one of ${NOTIFY_FORMATS.join(', ')}, got ${String(options.notifyFormat)}`);
  }
  if ((options.notifyRetryDelaysMs ?? []).some((ms) => !(ms >= 0) || !Number.isFinite(ms))) throw new RangeError('notifyRetryDelaysMs must be milliseconds ≥ 0');
}

export const DEFAULT_TIMEOUT_MS = 35_000;

export const NO_FAULTS: ResolvedFaults = {
  faultRate: 0, timeoutRate: 0, throttleRate: 0, latencyMs: 0, stuckRate: 0,
  timeoutMs: DEFAULT_TIMEOUT_MS, afterEffectShare: 0.5, operations: [],
};

/** Applies `change` over `base`, checking ranges; throws RangeError with a message a person can act on. */
export function resolveFaults(change: FaultOptions = {}, base: ResolvedFaults = { ...NO_FAULTS, operations: defaultFaultOperations() }): ResolvedFaults {
  const merged: ResolvedFaults = { ...base, ...definedOnly(change) } as ResolvedFaults;
  for (const key of ['faultRate', 'timeoutRate', 'throttleRate', 'stuckRate', 'afterEffectShare'] as const) {
    const v = merged[key];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new RangeError(`${key} must be between 0 and 1, got ${String(v)}`);
  }
  for (const key of ['latencyMs', 'timeoutMs'] as const) {
    const v = merged[key];
    if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) throw new RangeError(`${key} must be a number of milliseconds ≥ 0, got ${String(v)}`);
  }
  const total = merged.faultRate + merged.timeoutRate + merged.throttleRate;
  if (total > 1) throw new RangeError(`faultRate + timeoutRate + throttleRate must not exceed 1, got ${total}`);
  if (!Array.isArray(merged.operations) || merged.operations.some((op) => !(OPERATIONS as readonly string[]).includes(op))) {
    throw new RangeError(`operations must be a list of: ${OPERATIONS.join(', ')}`);
  }
  return merged;
}

export function defaultFaultOperations(): OperationName[] {
  return OPERATIONS.filter((op) => !SANDBOX_ONLY.has(op));
}

export function describeFaults(f: ResolvedFaults): string {
  const parts = [
    f.faultRate > 0 ? `5xx ${f.faultRate}` : '',
    f.timeoutRate > 0 ? `timeouts ${f.timeoutRate} (${f.timeoutMs} ms)` : '',
    f.throttleRate > 0 ? `extra 429s ${f.throttleRate}` : '',
    f.latencyMs > 0 ? `latency ~${f.latencyMs} ms` : '',
    f.stuckRate > 0 ? `stuck in Planning ${f.stuckRate}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
