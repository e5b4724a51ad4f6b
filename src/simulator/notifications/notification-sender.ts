// Delivers notifications through one transport — HTTP POST (JSON) to the configured URL, or an SQS
// queue (sqs-transport.ts) — a few at a time. A delivery that
// fails (no answer, a non-2xx answer, no answer within the timeout) is retried after 0.25 s, 1 s and
// 4 s of REAL time, then given up and logged: Amazon's own notifications can be late or missing, and a
// bridge must cope with that as well.

/** Where deliveries go: resolves once delivered, throws (with the reason) when not. */
export interface DeliveryTransport {
  /** Shown in the admin API: the URL or the queue. */
  readonly target: string;
  deliver(body: string, signal: AbortSignal): Promise<void>;
}

export interface SenderOptions {
  /** POST here; or give `transport`. */
  readonly url?: string;
  /** With `url`: sent as `Authorization: Bearer <secret>` (the bridge's INTAKE_SECRET). */
  readonly bearerSecret?: string;
  readonly transport?: DeliveryTransport;
  /** Waits before each retry, real ms; default [250, 1000, 4000] (so 4 attempts). */
  readonly retryDelaysMs?: readonly number[];
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

export interface DeliveryRecord {
  readonly notificationId: string;
  readonly notificationType: string;
  /** The SKU or the sellerFulfillmentOrderId it is about. */
  readonly subject: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastError?: string;
}

interface Job {
  readonly record: DeliveryRecord;
  readonly body: string;
}

const RECENT = 200;

export class NotificationSender {
  readonly #transport: DeliveryTransport;
  readonly #retryDelaysMs: readonly number[];
  readonly #concurrency: number;
  readonly #timeoutMs: number;
  readonly #queue: Job[] = [];
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #inFlight = new Set<AbortController>();
  readonly #idleWaiters: Array<() => void> = [];
  /** The most recent deliveries, newest last. */
  readonly recent: DeliveryRecord[] = [];
  readonly counts = { queued: 0, delivered: 0, failed: 0, retries: 0 };
  #running = 0;
  #waitingRetry = 0;
  #closed = false;

  constructor(options: SenderOptions) {
    this.#transport = options.transport ?? httpPostTransport(new URL(options.url ?? '').toString(), options.fetch ?? globalThis.fetch, options.bearerSecret);
    this.#retryDelaysMs = options.retryDelaysMs ?? [250, 1000, 4000];
    this.#concurrency = options.concurrency ?? 4;
    this.#timeoutMs = options.timeoutMs ?? 5000;
  }

  get url(): string {
    return this.#transport.target;
  }

  /** Deliveries not finished yet (queued, sending or waiting to retry). */
  get pending(): number {
    return this.#queue.length + this.#running + this.#waitingRetry;
  }

  send(notification: Record<string, unknown>, meta: { notificationId: string; notificationType: string; subject: string }): void {
    if (this.#closed) return;
    const record: DeliveryRecord = { ...meta, status: 'pending', attempts: 0 };
    this.recent.push(record);
    if (this.recent.length > RECENT) this.recent.splice(0, this.recent.length - RECENT);
    this.counts.queued += 1;
    this.#queue.push({ record, body: JSON.stringify(notification) });
    this.#pump();
  }

  /** Resolves once nothing is queued, in flight or waiting to retry. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Stops: queued deliveries are dropped, requests in flight aborted, retries cancelled. */
  close(): void {
    this.#closed = true;
    this.#queue.length = 0;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#waitingRetry = 0;
    for (const controller of this.#inFlight) controller.abort();
    this.#settleIdle();
  }

  #pump(): void {
    while (!this.#closed && this.#running < this.#concurrency && this.#queue.length > 0) {
      const job = this.#queue.shift()!;
      this.#running += 1;
      void this.#attempt(job).finally(() => {
        this.#running -= 1;
        this.#pump();
        this.#settleIdle();
      });
    }
  }

  async #attempt(job: Job): Promise<void> {
    const { record } = job;
    record.attempts += 1;
    const controller = new AbortController();
    this.#inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(), this.#timeoutMs);
    let error: string | undefined;
    try {
      await this.#transport.deliver(job.body, controller.signal);
    } catch (failure) {
      error = controller.signal.aborted && !this.#closed ? `no answer within ${this.#timeoutMs} ms` : failure instanceof Error ? failure.message : String(failure);
    } finally {
      clearTimeout(timer);
      this.#inFlight.delete(controller);
    }
    if (this.#closed) return;
    if (error === undefined) {
      record.status = 'delivered';
      delete record.lastError;
      this.counts.delivered += 1;
      return;
    }
    record.lastError = error;
    const delay = this.#retryDelaysMs[record.attempts - 1];
    if (delay === undefined) {
      record.status = 'failed';
      this.counts.failed += 1;
      return;
    }
    this.counts.retries += 1;
    this.#waitingRetry += 1;
    const retry = setTimeout(() => {
      this.#timers.delete(retry);
      this.#waitingRetry -= 1;
      this.#queue.unshift(job);
      this.#pump();
    }, delay);
    retry.unref();
    this.#timers.add(retry);
  }

  #settleIdle(): void {
    if (this.pending !== 0) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }
}

function httpPostTransport(url: string, fetcher: typeof fetch, bearerSecret: string | undefined): DeliveryTransport {
  const authorization: Record<string, string> = bearerSecret ? { authorization: `Bearer ${bearerSecret}` } : {};
  return {
    target: url,
    async deliver(body, signal) {
      const response = await fetcher(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'fba-bridge Amazon simulator (notifications)', ...authorization },
        body,
        signal,
      });
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
    },
  };
}
