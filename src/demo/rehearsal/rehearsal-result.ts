// A rehearsal's figures, built from what was observed in the three systems (pure: tested with made-up
// observations). Work unfinished at the end counts with the time it had waited so far (a lower bound),
// so a bridge that never finishes cannot look fast.
import { orderLatencies, spread, type PlacedOrder, type SpeedLatency, type Spread, type TokenBucketPlan } from './rehearsal-measures.js';
import type { ProbeSample } from './stock-probes.js';
import { checkTargets, type Target, type TargetCheck, type TargetName } from './rehearsal-targets.js';
import type { ProfileName } from './rehearsal-profile.js';

export interface BacklogSample {
  /** Seconds since the order curve began. */
  readonly t: number;
  readonly placedFba: number;
  /** Orders Amazon had received (all of them, as the simulator counts). */
  readonly atAmazon: number;
}

export interface ShipmentObservation {
  readonly amazonShipmentId: string;
  /** When Amazon shipped it (real epoch ms). */
  readonly shippedMs: number;
  /** When commercetools got its delivery (real epoch ms), or null. */
  readonly writtenMs: number | null;
}

export interface Observations {
  readonly profile: ProfileName;
  readonly policy: string;
  readonly minutes: number;
  readonly startedMs: number;
  readonly endedMs: number;
  readonly settings: Readonly<Record<string, string | number>>;
  readonly createPlan: TokenBucketPlan;
  readonly placed: ReadonlyArray<PlacedOrder & { readonly kind: 'fba' | 'mixed' | 'merchant'; readonly fbaUnits: number }>;
  readonly declinedSoldOut: number;
  /** Real epoch ms Amazon accepted each storefront order (by commercetools order id). */
  readonly acceptedMs: ReadonlyMap<string, number>;
  /** Storefront orders Amazon could not fulfil (refused, unfulfillable, or never sent for lack of stock). */
  readonly unfulfilledOrderIds: ReadonlySet<string>;
  readonly shipments: readonly ShipmentObservation[];
  readonly probes: readonly ProbeSample[];
  readonly backlog: readonly BacklogSample[];
  readonly exceptionsByType: Readonly<Record<string, number>>;
  readonly openExceptionsByType: Readonly<Record<string, number>>;
  readonly alerts: number;
  readonly spApiCalls: number;
  readonly spApi429s: number;
  /** Bridge CPU between the first order and the end of the run, ms; null when it could not be read. */
  readonly bridgeCpuMs: number | null;
  readonly faults: ReadonlyArray<{ readonly what: string; readonly fromSeconds: number; readonly toSeconds: number }>;
  readonly marketplaceUnitsSold: number;
  readonly inboundUnits: number;
  readonly loadAverage: readonly number[];
}

export interface WaitFigures extends Spread {
  /** Not finished by the end: counted with their wait so far. */
  readonly unfinished: number;
}

export interface RehearsalResult {
  readonly profile: ProfileName;
  readonly policy: string;
  readonly minutes: number;
  readonly startedAt: string;
  readonly seconds: number;
  readonly settings: Readonly<Record<string, string | number>>;
  readonly orders: { readonly placed: number; readonly fba: number; readonly mixed: number; readonly merchant: number; readonly declinedSoldOut: number; readonly notAccepted: number };
  readonly orderToAmazon: readonly SpeedLatency[];
  readonly trackingSeconds: WaitFigures;
  readonly stockToCommercetoolsSeconds: { readonly notified: WaitFigures; readonly pollingOnly: WaitFigures };
  readonly oversold: { readonly policy: string; readonly units: number; readonly orders: number };
  readonly backlog: readonly BacklogSample[];
  readonly exceptionsByType: Readonly<Record<string, number>>;
  readonly openExceptionsByType: Readonly<Record<string, number>>;
  readonly alerts: number;
  readonly spApi: { readonly calls: number; readonly throttled429: number };
  readonly cpu: { readonly ms: number; readonly msPerOrder: number } | null;
  readonly faults: Observations['faults'];
  readonly marketplaceUnitsSold: number;
  readonly inboundUnits: number;
  readonly loadAverage: readonly number[];
  readonly measured: Readonly<Record<TargetName, number | null>>;
  readonly targets: readonly TargetCheck[];
}

function waits(pairs: ReadonlyArray<{ readonly from: number; readonly to: number | null }>, endMs: number): WaitFigures {
  const seconds = pairs.map((p) => ((p.to ?? endMs) - p.from) / 1000);
  return { ...spread(seconds), unfinished: pairs.filter((p) => p.to === null).length };
}

export function buildResult(o: Observations, targets: readonly Target[]): RehearsalResult {
  const toAmazon = o.placed.filter((p) => p.kind !== 'merchant');
  const accepted = new Map(o.acceptedMs);
  // Never accepted (and not refused for want of stock): counted as waiting until the end.
  let notAccepted = 0;
  for (const p of toAmazon) {
    if (!accepted.has(p.id) && !o.unfulfilledOrderIds.has(p.id)) {
      accepted.set(p.id, o.endedMs);
      notAccepted++;
    }
  }
  const orderToAmazon = orderLatencies(toAmazon.filter((p) => accepted.has(p.id)), accepted, o.createPlan);
  const trackingSeconds = waits(o.shipments.map((s) => ({ from: s.shippedMs, to: s.writtenMs })), o.endedMs);
  const probe = (channel: ProbeSample['channel']) => waits(o.probes.filter((p) => p.channel === channel).map((p) => ({ from: p.changedMs, to: p.writtenMs })), o.endedMs);
  const oversoldOrders = toAmazon.filter((p) => o.unfulfilledOrderIds.has(p.id));
  const cpu = o.bridgeCpuMs === null || o.placed.length === 0 ? null : { ms: o.bridgeCpuMs, msPerOrder: o.bridgeCpuMs / o.placed.length };
  const all = orderToAmazon.find((r) => r.speed === 'all')!;
  const p95 = (speed: string) => orderToAmazon.find((r) => r.speed === speed)?.actual.p95 ?? null;
  const priority = p95('Priority');
  const standard = p95('Standard');
  const stock = { notified: probe('notified'), pollingOnly: probe('polling') };
  const oversold = { policy: o.policy, units: oversoldOrders.reduce((n, p) => n + p.fbaUnits, 0), orders: oversoldOrders.length };
  const spApi = { calls: o.spApiCalls, throttled429: o.spApi429s };
  const measured: Record<TargetName, number | null> = {
    'p95-order-seconds': all.actual.p95,
    'order-bound-ratio': all.ratioToBound,
    'priority-standard-ratio': priority !== null && standard !== null && standard > 0 ? priority / standard : null,
    'p95-tracking-seconds': trackingSeconds.p95,
    'p95-stock-seconds': stock.notified.p95,
    'p95-stock-polling-seconds': stock.pollingOnly.p95,
    'oversold-units': oversold.units,
    'cpu-ms-per-order': cpu?.msPerOrder ?? null,
    'sp-api-429s': spApi.throttled429,
  };
  return {
    profile: o.profile, policy: o.policy, minutes: o.minutes,
    startedAt: new Date(o.startedMs).toISOString(),
    seconds: Math.round((o.endedMs - o.startedMs) / 100) / 10,
    settings: o.settings,
    orders: {
      placed: o.placed.length,
      fba: o.placed.filter((p) => p.kind === 'fba').length,
      mixed: o.placed.filter((p) => p.kind === 'mixed').length,
      merchant: o.placed.filter((p) => p.kind === 'merchant').length,
      declinedSoldOut: o.declinedSoldOut,
      notAccepted,
    },
    orderToAmazon, trackingSeconds, stockToCommercetoolsSeconds: stock, oversold,
    backlog: o.backlog, exceptionsByType: o.exceptionsByType, openExceptionsByType: o.openExceptionsByType, alerts: o.alerts, spApi, cpu, faults: o.faults,
    marketplaceUnitsSold: o.marketplaceUnitsSold, inboundUnits: o.inboundUnits, loadAverage: o.loadAverage,
    measured, targets: checkTargets(targets, measured),
  };
}
