// The work loop (architecture §2): reap expired leases, claim a batch of due items, run each with the
// handler for its kind (at most `concurrency` at once, leases renewed while they run), and record the
// outcome: complete, retry with backoff, requeue, or dead letter once the attempt budget is spent.
// While a dependency circuit is open (engine/dependency-circuit.ts) it claims nothing until the probe is
// due, then one item at a time; a failure while any circuit is not closed gives the item back without
// spending an attempt (the outage is not the item's fault, docs/adr/0013).
// When nothing is due it sleeps until the next item is, capped, or until wake(). A wake that names the
// work enqueued is taken at its word: work of a kind this runner does not run wakes nothing, and work
// due later only brings the end of the sleep forward — so neither costs a claim that finds nothing.
// stop() stops claiming
// and waits for the handlers in flight, so a SIGTERM loses no work (and an unclean exit loses none
// either: the leases expire and another worker reaps them).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { EnqueuedWork, Store, WorkItem, WorkKind } from '../ports/store.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import type { DependencyCircuits } from './dependency-circuit.js';
import { LazyChildLogger } from './lazy-child-logger.js';
import { LeaseKeeper } from './lease-keeper.js';
import { systemSetTimer, type SetTimer } from './set-timer.js';
import { WakeableSleep } from './wakeable-sleep.js';
import type { WorkHandler, WorkHandlers, WorkOutcome } from './work-handler.js';
import type { WorkRunnerOptions } from './work-runner-options.js';

export type { DeadLetter, WorkRunnerOptions } from './work-runner-options.js';

// When items are due but none could be claimed (another worker holds them for a moment).
const DUE_BUT_BUSY_PAUSE_MS = 250;
const ERROR_PAUSE_MS = 1_000;
const FAILED_PROBE_DELAY_MS = 5_000;
// However many connections have work, each may run this many items at once (docs/adr/0017): enough to
// keep a connection's Amazon bucket busy while one item waits for its token and another is answered.
const MIN_SHARE_PER_CONNECTION = 2;

export class WorkRunner {
  private readonly store: Store;
  private readonly handlers: WorkHandlers;
  private readonly kinds: WorkKind[];
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly workerId: string;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly backoff: BackoffPolicy;
  private readonly random: () => number;
  private readonly maxIdleMs: number;
  private readonly reapEveryMs: number;
  private readonly onDeadLetter: WorkRunnerOptions['onDeadLetter'];
  private readonly setTimer: SetTimer;
  private readonly sleeper: WakeableSleep;
  private readonly circuits: DependencyCircuits | undefined;
  private readonly failedProbeDelayMs: number;
  private readonly fairShare: boolean;

  private readonly inFlight = new Map<number, Promise<void>>();
  private runSeq = 0;
  private claimSeq = 0;
  private lastReapAt = Number.NEGATIVE_INFINITY;
  private loop: Promise<void> | null = null;
  private stopping = false;
  // Every slot is taken and the loop waits for one to free: a finished item ends that wait by itself.
  private waitingForSlot = false;
  // While idle() reads when work is next due, or sleeps: the end of its sleep (clock time).
  private sleepEndsAt: number | null = null;
  // The earliest run time of work announced (wake with a later runAt) since idle() began.
  private announcedAt = Number.POSITIVE_INFINITY;

  constructor(options: WorkRunnerOptions) {
    this.store = options.store;
    this.handlers = options.handlers;
    this.kinds = (Object.keys(options.handlers) as WorkKind[]).filter((kind) => options.handlers[kind] !== undefined);
    this.clock = options.clock;
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.logger = options.logger.child({ worker: this.workerId });
    this.concurrency = positive('concurrency', options.concurrency ?? 4);
    this.leaseMs = positive('leaseMs', options.leaseMs ?? 60_000);
    this.maxAttempts = positive('maxAttempts', options.maxAttempts ?? 8);
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.random = options.random ?? Math.random;
    this.maxIdleMs = positive('maxIdleMs', options.maxIdleMs ?? 5_000);
    this.reapEveryMs = positive('reapEveryMs', options.reapEveryMs ?? 10_000);
    this.onDeadLetter = options.onDeadLetter;
    this.setTimer = options.setTimer ?? systemSetTimer;
    this.sleeper = new WakeableSleep(this.setTimer);
    this.circuits = options.circuits;
    this.failedProbeDelayMs = options.failedProbeDelayMs ?? FAILED_PROBE_DELAY_MS;
    this.fairShare = options.fairShare ?? true;
    if (this.kinds.length === 0) throw new Error('WorkRunner needs at least one handler.');
  }

  /** Handlers running right now. */
  get activeCount(): number {
    return this.inFlight.size;
  }

  /** Starts the loop in the background. */
  start(): void {
    if (this.stopping) throw new Error('This WorkRunner was stopped; create a new one.');
    if (this.loop) return;
    this.logger.info('work runner started', { kinds: this.kinds, concurrency: this.concurrency });
    this.loop = this.runLoop();
  }

  /** Stops claiming and resolves once every handler in flight has finished and its outcome is recorded. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.sleeper.wake();
    await this.loop;
    await Promise.all(this.inFlight.values());
    this.logger.info('work runner stopped');
  }

  /**
   * New work may be due (an event arrived): stop idling and claim. Given what was enqueued, a runner
   * that does not run its kind ignores it, and work due later ends the sleep at its run time instead.
   */
  wake(enqueued?: EnqueuedWork): void {
    if (enqueued !== undefined && !this.kinds.includes(enqueued.kind)) return;
    if (this.waitingForSlot) return; // the claim after a slot frees sees it
    if (enqueued === undefined || enqueued.runAt <= this.now()) {
      this.sleeper.wake();
      return;
    }
    if (this.sleepEndsAt === null) return; // running or claiming: the next idle() reads the run time from the store
    this.announcedAt = Math.min(this.announcedAt, enqueued.runAt);
    if (this.sleeper.sleeping && enqueued.runAt < this.sleepEndsAt) {
      this.sleepEndsAt = enqueued.runAt;
      this.sleeper.shorten(enqueued.runAt - this.now());
    }
  }

  /** One pass without the loop: reap, claim up to `concurrency` items (none while a circuit is open, one while probing), run them, wait. Returns how many ran. */
  async runOnce(): Promise<number> {
    if (this.loop) throw new Error('runOnce() cannot run beside the started loop.');
    await this.reapIfDue(true);
    const gate = this.circuits?.gate(this.now()) ?? { kind: 'closed' as const };
    if (gate.kind === 'open') return 0;
    const claimed = await this.claimAndLaunch(gate.kind === 'probing' ? 1 : this.concurrency, gate.kind === 'probing');
    await Promise.all(this.inFlight.values());
    return claimed;
  }

  private async runLoop(): Promise<void> {
    while (!this.stopping) {
      try {
        const gate = this.circuits?.gate(this.now()) ?? { kind: 'closed' as const };
        if (gate.kind === 'open') {
          await this.sleeper.sleep(Math.max(0, Math.min(gate.probeAt - this.now(), this.maxIdleMs)));
          continue;
        }
        await this.reapIfDue(false);
        // Probing: one item at a time, so a dependency that is still down costs one item's try.
        const free = gate.kind === 'probing' ? 1 - this.inFlight.size : this.concurrency - this.inFlight.size;
        if (free <= 0) {
          this.waitingForSlot = true;
          await Promise.race(this.inFlight.values()).finally(() => { this.waitingForSlot = false; });
          continue;
        }
        const claimed = await this.claimAndLaunch(free, gate.kind === 'probing');
        this.databaseCircuit()?.succeeded();
        // A full batch suggests more is due: claim again (after a slot frees) rather than sleep.
        if (claimed < free) await this.idle();
      } catch (error) {
        this.logger.error('work loop failed; pausing before the next try', { error: errorMessage(error) });
        this.databaseCircuit()?.failed('unreachable', errorMessage(error));
        await this.sleeper.sleep(ERROR_PAUSE_MS);
      }
    }
  }

  private async idle(): Promise<void> {
    if (this.stopping) return;
    // From here on a wake for later work is remembered: it may have been enqueued after the read below.
    this.sleepEndsAt = Number.POSITIVE_INFINITY;
    this.announcedAt = Number.POSITIVE_INFINITY;
    try {
      const next = await this.store.work.nextRunAt(this.kinds);
      const now = this.now();
      const untilDue = next === null ? this.maxIdleMs : next > now ? next - now : DUE_BUT_BUSY_PAUSE_MS;
      const untilAnnounced = this.announcedAt - now;
      const untilReap = this.lastReapAt + this.reapEveryMs - now;
      const ms = Math.max(0, Math.min(untilDue, untilAnnounced, untilReap, this.maxIdleMs));
      this.sleepEndsAt = now + ms;
      await this.sleeper.sleep(ms);
    } finally {
      this.sleepEndsAt = null;
    }
  }

  private async reapIfDue(force: boolean): Promise<void> {
    const now = this.now();
    if (!force && now - this.lastReapAt < this.reapEveryMs) return;
    this.lastReapAt = now;
    const reaped = await this.store.work.reapExpiredLeases(now);
    if (reaped > 0) this.logger.warn('returned expired leases to the queue', { count: reaped });
  }

  private databaseCircuit() {
    return this.circuits?.circuit('database');
  }

  private async claimAndLaunch(limit: number, probe = false): Promise<number> {
    // A fresh owner per claim, not per runner: if this runner's lease on an item expired and the item
    // was claimed again (by anyone, this runner included), the stale attempt must not settle it.
    const owner = `${this.workerId}#${++this.claimSeq}`;
    const claim = { owner, now: this.now(), leaseMs: this.leaseMs, limit, kinds: this.kinds };
    const items = await this.store.work.claim(this.fairShare
      ? { ...claim, fairShare: { slots: this.concurrency, ownerPrefix: `${this.workerId}#`, minPerConnection: MIN_SHARE_PER_CONNECTION } }
      : claim);
    for (const item of items) this.launch(item, owner, probe);
    return items.length;
  }

  private launch(item: WorkItem, owner: string, probe: boolean): void {
    const key = ++this.runSeq;
    const log = new LazyChildLogger(this.logger, {
      workId: item.id,
      kind: item.kind,
      subjectId: item.subjectId,
      connectionId: item.connectionId,
      attempt: item.attempts,
    });
    const run = this.runItem(item, owner, log, probe)
      .catch((error: unknown) => {
        // Recording the outcome failed (database down?): the lease will expire and the item be retried.
        log.error('could not record the outcome of a work item', { error: errorMessage(error) });
      })
      .finally(() => {
        this.inFlight.delete(key);
        // A slot is free, and a dirty item (or work the handler enqueued) may be due. A loop waiting for
        // a slot goes on by itself; a wake now would be remembered and cut its next sleep short for nothing.
        if (!this.waitingForSlot) this.sleeper.wake();
      });
    this.inFlight.set(key, run);
  }

  private async runItem(item: WorkItem, owner: string, log: Logger, probe: boolean): Promise<void> {
    if (item.attempts > this.maxAttempts) {
      // Earlier attempts ended without an outcome (the worker died or stalled): do not run it again.
      const error = `gave up after ${this.maxAttempts} attempts; the last ended without an outcome (${item.lastError ?? 'unknown'})`;
      await this.record(item, owner, { outcome: 'dead', error }, log);
      return;
    }
    const handler = this.handlers[item.kind] as WorkHandler; // claims are limited to kinds with a handler
    const lease = new LeaseKeeper({
      work: this.store.work, item, owner, leaseMs: this.leaseMs, clock: this.clock, setTimer: this.setTimer, logger: log,
    });
    lease.start();
    let outcome: WorkOutcome;
    try {
      outcome = await handler(item, { signal: lease.signal, logger: log });
    } catch (error) {
      outcome = { outcome: 'retry', error: errorMessage(error) };
    } finally {
      lease.stop();
    }
    if ((outcome.outcome === 'retry' || outcome.outcome === 'dead') && this.circuits?.anyNotClosed()) {
      await this.pause(item, owner, outcome.error, log, probe);
      return;
    }
    await this.record(item, owner, outcome, log);
  }

  /** A dependency is down: give the item back unspent, at its place in the queue (a failed probe waits). */
  private async pause(item: WorkItem, owner: string, error: string, log: Logger, probe: boolean): Promise<void> {
    const now = this.now();
    const runAt = probe ? now + this.failedProbeDelayMs : item.runAt;
    const held = await this.store.work.pause(item.id, owner, runAt, error, now);
    if (held) log.info('dependency unavailable: work paused without spending an attempt', { error, probe });
    else log.warn('lease lost before the outcome was recorded; the current holder decides', { outcome: 'pause' });
  }

  private async record(item: WorkItem, owner: string, outcome: WorkOutcome, log: Logger): Promise<void> {
    const now = this.now();
    let held: boolean;
    switch (outcome.outcome) {
      case 'done':
        held = await this.store.work.complete(item.id, owner, now);
        if (held) log.debug('work done');
        break;
      case 'requeue':
        held = await this.store.work.requeue(item.id, owner, outcome.priority, now);
        if (held) log.debug('work requeued', { priority: outcome.priority });
        break;
      case 'retry':
        if (item.attempts >= this.maxAttempts) {
          held = await this.deadLetter(item, owner, `gave up after ${item.attempts} attempts: ${outcome.error}`, log);
        } else {
          const delayMs = outcome.delayMs ?? backoffDelay(item.attempts, this.backoff, this.random);
          held = await this.store.work.retry(item.id, owner, now + delayMs, outcome.error, now);
          if (held) log.warn('work failed; will retry', { error: outcome.error, delayMs });
        }
        break;
      case 'dead':
        held = await this.deadLetter(item, owner, outcome.error, log);
        break;
    }
    if (!held) log.warn('lease lost before the outcome was recorded; the current holder decides', { outcome: outcome.outcome });
  }

  private async deadLetter(item: WorkItem, owner: string, error: string, log: Logger): Promise<boolean> {
    const now = this.now();
    try {
      const held = await this.store.transaction(async (tx) => {
        const stillHeld = await tx.work.deadLetter(item.id, owner, error, now);
        if (stillHeld && this.onDeadLetter) await this.onDeadLetter({ item, error }, tx);
        return stillHeld;
      });
      if (held) log.error('work dead-lettered', { error });
      return held;
    } catch (hookError) {
      // The dead letter and its exception commit together or not at all; keep the item and try later
      // (its next claim is over budget, so it comes straight back here without running the handler).
      log.error('dead-letter hook failed; the item will be dead-lettered again later', { error, hookError: errorMessage(hookError) });
      const delayMs = backoffDelay(item.attempts, this.backoff, this.random);
      return this.store.work.retry(item.id, owner, now + delayMs, error, now);
    }
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}

function positive(name: string, value: number): number {
  if (!(value > 0)) throw new Error(`WorkRunner option ${name} must be positive, got ${value}`);
  return value;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
