// Time comes from here, never from `new Date()` in domain or flow code, so tests and the simulator can
// run days in seconds. Always UTC.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
