// The engine waits through this seam rather than calling setTimeout directly, so tests (and an
// accelerated simulator) can decide when a timer fires. Same shape as the rate governor's SetTimer.

/** Calls `callback` after `delayMs`; the returned function cancels it. */
export type SetTimer = (callback: () => void, delayMs: number) => () => void;

/** Node's setTimeout holds at most 2³¹−1 ms (about 24.8 days); a longer delay fires after 1 ms. */
export const LONGEST_NODE_TIMEOUT_MS = 2 ** 31 - 1;

/** setTimeout for any delay: one longer than Node allows waits in steps, re-arming until it is due. */
export const systemSetTimer: SetTimer = (callback, delayMs) => chainedTimer(setTimeout, clearTimeout, callback, delayMs);

/** The stepping itself, with the platform's timer passed in so a test can watch the steps. */
export function chainedTimer<H>(arm: (fn: () => void, ms: number) => H, disarm: (handle: H) => void, callback: () => void, delayMs: number): () => void {
  let remaining = Math.max(0, delayMs);
  let handle: H;
  const step = (): void => {
    const wait = Math.min(remaining, LONGEST_NODE_TIMEOUT_MS);
    remaining -= wait;
    handle = arm(remaining > 0 ? step : callback, wait);
  };
  step();
  return () => disarm(handle);
}
