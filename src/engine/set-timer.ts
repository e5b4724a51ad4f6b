// The engine waits through this seam rather than calling setTimeout directly, so tests (and an
// accelerated simulator) can decide when a timer fires. Same shape as the rate governor's SetTimer.

/** Calls `callback` after `delayMs`; the returned function cancels it. */
export type SetTimer = (callback: () => void, delayMs: number) => () => void;

export const systemSetTimer: SetTimer = (callback, delayMs) => {
  const handle = setTimeout(callback, Math.max(0, delayMs));
  return () => clearTimeout(handle);
};
