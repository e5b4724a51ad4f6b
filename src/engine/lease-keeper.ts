// Keeps one claimed item's lease alive while its handler runs, renewing at a third of the lease so
// two renewals can fail before it expires. When the store says the lease is gone (it expired and was
// reaped, maybe claimed by another worker) the handler's signal is aborted.
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { WorkItem, WorkQueueRepository } from '../ports/store.js';
import type { SetTimer } from './set-timer.js';

export interface LeaseKeeperOptions {
  readonly work: WorkQueueRepository;
  readonly item: WorkItem;
  readonly owner: string;
  readonly leaseMs: number;
  readonly clock: Clock;
  readonly setTimer: SetTimer;
  readonly logger: Logger;
}

export class LeaseKeeper {
  private readonly controller = new AbortController();
  private cancelTimer: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly options: LeaseKeeperOptions) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  start(): void {
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.cancelTimer = this.options.setTimer(() => void this.renew(), Math.max(1, Math.floor(this.options.leaseMs / 3)));
  }

  private async renew(): Promise<void> {
    const { work, item, owner, leaseMs, clock, logger } = this.options;
    try {
      const held = await work.extendLease(item.id, owner, clock.now().getTime() + leaseMs);
      if (!held) {
        logger.warn('lease lost while the handler was running; its outcome will be discarded');
        this.controller.abort(new Error(`lease on work item ${item.id} lost`));
        this.stop();
        return;
      }
    } catch (error) {
      // The lease may well still be valid: keep trying until it is renewed or known lost.
      logger.warn('could not renew the lease', { error: error instanceof Error ? error.message : String(error) });
    }
    this.schedule();
  }
}
