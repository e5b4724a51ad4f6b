// Callers waiting for a rate-limit token, served highest priority first and first come first served
// within a priority. A caller whose AbortSignal fires leaves the queue (its promise rejects with the
// signal's reason). Both rate governors queue their callers here.

interface Waiter {
  readonly priority: number;
  /** Arrival order. */
  readonly seq: number;
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  readonly detach: () => void;
}

export class WaitQueue {
  readonly #waiters: Waiter[] = [];
  #seq = 0;

  /** @param onLeave called when an aborted caller left, with the number still waiting. */
  constructor(private readonly onLeave: (waiting: number) => void = () => {}) {}

  get length(): number {
    return this.#waiters.length;
  }

  /** The priority of the caller served next, if any. */
  get headPriority(): number | undefined {
    return this.#waiters[0]?.priority;
  }

  /** Resolves when `grantNext` reaches this caller. */
  wait(priority: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#waiters.indexOf(waiter);
        if (index >= 0) this.#waiters.splice(index, 1);
        this.onLeave(this.#waiters.length);
        reject(signal?.reason);
      };
      const waiter: Waiter = { priority, seq: this.#seq++, resolve, reject, detach: () => signal?.removeEventListener('abort', onAbort) };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#insert(waiter);
    });
  }

  /** Serves the head of the queue; false when nobody waits. */
  grantNext(): boolean {
    const waiter = this.#waiters.shift();
    if (!waiter) return false;
    waiter.detach();
    waiter.resolve();
    return true;
  }

  /** Shutdown: everybody waiting is refused with `reason`. */
  rejectAll(reason: unknown): void {
    for (const waiter of this.#waiters.splice(0)) {
      waiter.detach();
      waiter.reject(reason);
    }
  }

  /** Binary insertion keeping (priority desc, seq asc): O(log n) to find, FIFO within a priority. */
  #insert(waiter: Waiter): void {
    const queue = this.#waiters;
    let low = 0;
    let high = queue.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const other = queue[mid]!;
      if (other.priority > waiter.priority || (other.priority === waiter.priority && other.seq < waiter.seq)) low = mid + 1;
      else high = mid;
    }
    queue.splice(low, 0, waiter);
  }
}
