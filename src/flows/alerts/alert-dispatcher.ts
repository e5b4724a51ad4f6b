// Sends each notice to the channels of its team and to the global ones, each delivery on its own:
// retried with backoff when a channel fails, logged when it finally gives up, and never awaited by the
// evaluation (a slow or dead receiver must not hold up anything else).
import type { AlertChannel, AlertNotice, DigestMessage } from '../../ports/alert-channel.js';
import type { Logger } from '../../ports/logger.js';
import type { OwnerTeam } from '../../domain/exceptions/exception-types.js';
import { backoffDelay, type BackoffPolicy } from '../../engine/backoff.js';
import { systemSetTimer, type SetTimer } from '../../engine/set-timer.js';

export interface ChannelRouting {
  readonly global: readonly AlertChannel[];
  readonly teams: Partial<Record<OwnerTeam, readonly AlertChannel[]>>;
}

export interface DispatchOptions {
  readonly attempts: number;
  readonly backoff: BackoffPolicy;
  /** Per delivery attempt. */
  readonly timeoutMs: number;
  readonly setTimer?: SetTimer;
  /** Told of every delivery's end (for metrics). */
  readonly onDelivered?: (channel: string, outcome: 'sent' | 'failed') => void;
}

export const DEFAULT_DISPATCH: DispatchOptions = { attempts: 6, backoff: { baseMs: 1_000, maxMs: 60_000, minMs: 250 }, timeoutMs: 10_000 };

export class AlertDispatcher {
  readonly #inFlight = new Set<Promise<void>>();
  readonly #stop = new AbortController();
  readonly #setTimer: SetTimer;

  constructor(private readonly routing: ChannelRouting, private readonly logger: Logger, private readonly options: DispatchOptions = DEFAULT_DISPATCH) {
    this.#setTimer = options.setTimer ?? systemSetTimer;
  }

  /** True when some channel would receive this team's notices. */
  hasChannels(team: OwnerTeam): boolean {
    return this.channelsFor(team).length > 0;
  }

  dispatch(notice: AlertNotice): void {
    for (const channel of this.channelsFor(notice.alert.team)) {
      this.track(channel.name, { event: notice.event, rule: notice.alert.rule, alertId: notice.alert.id }, (signal) => channel.send(notice, signal));
    }
  }

  /** The daily digest goes to the team's channels that carry digests (e-mail). */
  digest(message: DigestMessage): void {
    for (const channel of this.channelsFor(message.team)) {
      if (channel.sendDigest) this.track(channel.name, { digest: message.team }, (signal) => channel.sendDigest!(message, signal));
    }
  }

  /** Resolves when every delivery started so far has been sent or given up. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** Stops retrying (pending waits end at once); deliveries in progress finish or time out. */
  async stop(): Promise<void> {
    this.#stop.abort();
    await this.idle();
  }

  private channelsFor(team: OwnerTeam): AlertChannel[] {
    return [...this.routing.global, ...(this.routing.teams[team] ?? [])];
  }

  private track(channel: string, about: Record<string, unknown>, send: (signal: AbortSignal) => Promise<void>): void {
    const run = this.deliver(channel, about, send).finally(() => this.#inFlight.delete(run));
    this.#inFlight.add(run);
  }

  private async deliver(channel: string, about: Record<string, unknown>, send: (signal: AbortSignal) => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await send(AbortSignal.any([this.#stop.signal, AbortSignal.timeout(this.options.timeoutMs)]));
        this.options.onDelivered?.(channel, 'sent');
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (attempt >= this.options.attempts || this.#stop.signal.aborted) {
          this.logger.error('alert delivery failed; giving up', { channel, attempts: attempt, error: message, ...about });
          this.options.onDelivered?.(channel, 'failed');
          return;
        }
        this.logger.warn('alert delivery failed; retrying', { channel, attempt, error: message, ...about });
        await this.wait(backoffDelay(attempt, this.options.backoff));
      }
    }
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.#stop.signal.aborted) return resolve();
      const cancel = this.#setTimer(() => { this.#stop.signal.removeEventListener('abort', onAbort); resolve(); }, ms);
      const onAbort = () => { cancel(); resolve(); };
      this.#stop.signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
