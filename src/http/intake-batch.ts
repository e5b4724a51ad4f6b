// Group commit for the intakes: notifications that arrive together (Amazon sends a burst whenever its
// warehouse moves many orders at once) are recorded in one transaction instead of one each, so the
// store pays one BEGIN/COMMIT for the burst (docs/adr/0023). Each caller still answers only after the
// transaction holding its record committed (never acknowledged before it is durable, ADR 0002); if it
// fails, every notification of the batch is answered 503 and delivered again, and the inbox makes the
// redelivery count once (ADR 0001).
import type { Store } from '../ports/store.js';

/** A batch is cut here, so one transaction stays short however long the burst. */
const MAX_BATCH = 64;

interface Waiting<T> {
  readonly record: (tx: Store) => Promise<T>;
  readonly resolve: (value: T) => void;
  readonly reject: (error: unknown) => void;
}

export class IntakeBatch<T> {
  #waiting: Array<Waiting<T>> = [];
  #scheduled = false;

  constructor(
    private readonly store: Store,
    /** Runs after a batch committed, with what its records answered (e.g. wake the workers once). */
    private readonly afterCommit: (results: readonly T[]) => void = () => {},
  ) {}

  /** Runs `record` in the next batch's transaction; resolves once that transaction committed. */
  add(record: (tx: Store) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({ record, resolve, reject });
      if (this.#scheduled) return;
      this.#scheduled = true;
      // After the current I/O turn: requests whose bodies arrived in it join the same batch.
      setImmediate(() => void this.#flush());
    });
  }

  async #flush(): Promise<void> {
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, MAX_BATCH);
      try {
        const results = await this.store.transaction(async (tx) => {
          const out: T[] = [];
          for (const w of batch) out.push(await w.record(tx));
          return out;
        });
        batch.forEach((w, i) => w.resolve(results[i]!));
        this.afterCommit(results);
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.#scheduled = false;
  }
}
