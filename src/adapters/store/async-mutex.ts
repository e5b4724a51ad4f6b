// A FIFO lock for async code. better-sqlite3 is synchronous, but a transaction whose body awaits
// spans many event-loop turns; without this lock another caller's statement could run on the same
// connection in between and silently become part of (or be rolled back with) someone else's transaction.
export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();

  async runExclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
