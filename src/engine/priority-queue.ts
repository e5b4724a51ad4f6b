// Waiters for a token, kept in the order they are served: higher priority first, then arrival order.

export interface QueuedWaiter {
  readonly priority: number;
  /** Arrival order. */
  readonly seq: number;
}

/** Binary insertion keeping (priority desc, seq asc): O(log n) to find, FIFO within a priority. */
export function insertByPriority<W extends QueuedWaiter>(queue: W[], waiter: W): void {
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
