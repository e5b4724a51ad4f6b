// What a rehearsal drives, per profile: the storefront's order curve, Amazon-marketplace sales on the
// same SKUs, inbound arrivals, and (outage) the windows in which Amazon answers 5xx and commercetools
// cannot be reached. Pure data and pure functions of the run's progress: tested without processes.

export const PROFILES = ['steady', 'peak', 'outage'] as const;
export type ProfileName = (typeof PROFILES)[number];

/** A window of the run, as shares of its length (0 = start of the order curve, 1 = its end). */
export interface Window {
  readonly from: number;
  readonly to: number;
}

export interface RehearsalProfile {
  readonly name: ProfileName;
  /** How many times the steady rate the curve reaches at its top (1 = flat). */
  readonly peakMultiple: number;
  /** Amazon answers 5xx to every SP-API call in this window. */
  readonly amazonDown?: Window;
  /** commercetools cannot be reached by the bridge in this window (connections refused). */
  readonly commercetoolsDown?: Window;
}

export const PROFILE: Readonly<Record<ProfileName, RehearsalProfile>> = {
  steady: { name: 'steady', peakMultiple: 1 },
  // Black Friday: the rate climbs to 10× over the first 40 %, holds, and eases off in the last 20 %.
  peak: { name: 'peak', peakMultiple: 10 },
  // A normal-to-busy day (3×) with Amazon failing, then commercetools, each for a stretch.
  outage: { name: 'outage', peakMultiple: 3, amazonDown: { from: 0.2, to: 0.4 }, commercetoolsDown: { from: 0.55, to: 0.7 } },
};

/** Orders per second at `progress` (0…1) of the curve, for a steady rate of `steady`/s. */
export function orderRate(profile: RehearsalProfile, steady: number, progress: number): number {
  if (profile.name !== 'peak') return steady * profile.peakMultiple;
  const top = steady * profile.peakMultiple;
  if (progress < 0.4) return steady + (top - steady) * (progress / 0.4);
  if (progress < 0.8) return top;
  return top - (top - steady) * Math.min(1, (progress - 0.8) / 0.2);
}

export function within(window: Window | undefined, progress: number): boolean {
  return window !== undefined && progress >= window.from && progress < window.to;
}

export const SHIPPING_SPEEDS = ['Priority', 'Expedited', 'Standard'] as const;
export type Speed = (typeof SHIPPING_SPEEDS)[number];
export const SHIPPING_METHOD_OF: Readonly<Record<Speed, string>> = { Priority: 'fba-priority', Expedited: 'fba-expedited', Standard: 'fba-standard' };

/** The kind of storefront order: FBA only, FBA and a merchant line, or merchant only. */
export type OrderKind = 'fba' | 'mixed' | 'merchant';

/** The mix: 10 % Priority, 20 % Expedited, 70 % Standard; 80 % FBA, 10 % mixed, 10 % merchant. */
export function speedFor(u: number): Speed {
  return u < 0.1 ? 'Priority' : u < 0.3 ? 'Expedited' : 'Standard';
}

export function kindFor(u: number): OrderKind {
  return u < 0.8 ? 'fba' : u < 0.9 ? 'mixed' : 'merchant';
}
