// The work runner against a real (SQLite, in-memory) store: outcomes, attempt budget, dead-letter hook,
// concurrency, leases, idling, wake-up and graceful stop.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { openStore } from '../../src/adapters/store/open-store.js';
import type { WorkHandler, WorkOutcome } from '../../src/engine/work-handler.js';
import { WorkRunner, type WorkRunnerOptions } from '../../src/engine/work-runner.js';
import { DependencyCircuits } from '../../src/engine/dependency-circuit.js';
import type { Clock } from '../../src/ports/clock.js';
import type { Store, WorkItem, WorkKind, WorkQueueRepository } from '../../src/ports/store.js';
import { ManualClock, eventually, settle } from './manual-clock.js';
import { RecordingLogger } from './recording-logger.js';

const C = 'conn-1';
const T0 = 1_700_000_000_000;

/** A clock that stands still unless a test moves it: runOnce tests compute exact runAt values. */
class StillClock implements Clock {
  constructor(public ms = T0) {}
  now(): Date {
    return new Date(this.ms);
  }
}

let store: Store;
let logger: RecordingLogger;
const runners: WorkRunner[] = [];
const gates: Array<() => void> = [];

beforeEach(async () => {
  store = await openStore(':memory:');
  logger = new RecordingLogger();
});

afterEach(async () => {
  for (const open of gates.splice(0)) open(); // a failed test must not leave stop() waiting on its handler
  await Promise.all(runners.splice(0).map((r) => r.stop()));
  await store.close();
});

function runner(handler: WorkHandler, options: Partial<WorkRunnerOptions> = {}): WorkRunner {
  const r = new WorkRunner({
    store,
    handlers: { 'order.export': handler },
    clock: new StillClock(),
    logger,
    random: () => 0.5,
    backoff: { baseMs: 1_000, maxMs: 60_000 },
    maxAttempts: 3,
    ...options,
  });
  runners.push(r);
  return r;
}

async function enqueue(subjectId: string, runAt = T0, kind: WorkKind = 'order.export'): Promise<void> {
  await store.work.enqueue({ connectionId: C, kind, subjectId, priority: 1, runAt }, runAt);
}

async function item(subjectId: string, kind: WorkKind = 'order.export'): Promise<WorkItem> {
  const found = await store.work.get(C, kind, subjectId);
  assert.ok(found, `no work item for ${subjectId}`);
  return found;
}

const answer = (outcome: WorkOutcome): WorkHandler => async () => outcome;

/** Counts the store's claims from here on. */
function countClaims(): { count: number } {
  const counter = { count: 0 };
  const claim = store.work.claim.bind(store.work);
  store.work.claim = async (input) => {
    counter.count++;
    return claim(input);
  };
  return counter;
}

/**
 * The loop's time (runAt, leases, idle sleeps, lease renewals) on a manual clock: it moves only when a
 * test advances it, so the loop tests assert on the waits the runner asked for, not on how fast the
 * machine is.
 */
function manualTime(): { time: ManualClock; options: Pick<WorkRunnerOptions, 'clock' | 'setTimer'> } {
  const time = new ManualClock(T0);
  return { time, options: { clock: { now: () => new Date(time.now()) }, setTimer: time.setTimer } };
}

/** A runner on manual time (idle cap 30 s) that notes when its handler ran. */
function timedRunner(time: ManualClock, options: Pick<WorkRunnerOptions, 'clock' | 'setTimer'>): { r: WorkRunner; ran: { at: number } } {
  const ran = { at: 0 };
  const r = runner(async () => {
    ran.at = time.now();
    return { outcome: 'done' };
  }, { ...options, maxIdleMs: 30_000 });
  return { r, ran };
}

/** A promise the test resolves: a handler that runs until told to finish. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  gates.push(open);
  return { opened, open };
}

describe('WorkRunner outcomes', () => {
  it('done completes the item and passes the item and a correlated logger to the handler', async () => {
    await enqueue('o1');
    let seen: WorkItem | undefined;
    const r = runner(async (claimed, context) => {
      seen = claimed;
      context.logger.info('handling');
      return { outcome: 'done' };
    });
    assert.equal(await r.runOnce(), 1);
    assert.equal((await item('o1')).state, 'done');
    assert.equal(seen?.subjectId, 'o1');
    assert.equal(seen?.attempts, 1);
    const entry = logger.entries.find((e) => e.msg === 'handling');
    assert.equal(entry?.fields.subjectId, 'o1');
    assert.equal(entry?.fields.kind, 'order.export');
  });

  it('retry goes back to pending after the backoff, keeping the error', async () => {
    await enqueue('o1');
    await runner(answer({ outcome: 'retry', error: 'HTTP 503' })).runOnce();
    const retried = await item('o1');
    assert.deepEqual([retried.state, retried.lastError, retried.runAt], ['pending', 'HTTP 503', T0 + 500]); // 0.5 × 1 s
  });

  it('a handler-chosen delay wins over the backoff', async () => {
    await enqueue('o1');
    await runner(answer({ outcome: 'retry', error: 'throttled', delayMs: 1_234 })).runOnce();
    assert.equal((await item('o1')).runAt, T0 + 1_234);
  });

  it('a thrown error counts as a retry with its message', async () => {
    await enqueue('o1');
    await runner(async () => {
      throw new Error('socket hang up');
    }).runOnce();
    const retried = await item('o1');
    assert.deepEqual([retried.state, retried.lastError], ['pending', 'socket hang up']);
  });

  it('requeue gives the item back at its new priority without spending an attempt', async () => {
    await enqueue('o1');
    await runner(answer({ outcome: 'requeue', priority: 42 })).runOnce();
    const requeued = await item('o1');
    assert.deepEqual([requeued.state, requeued.priority, requeued.attempts], ['pending', 42, 0]);
  });

  it('dead letters at once on a dead outcome, inside one transaction with the hook', async () => {
    await enqueue('o1');
    const r = runner(answer({ outcome: 'dead', error: 'address invalid' }), {
      onDeadLetter: async ({ item: dead, error }, tx) => {
        await tx.exceptions.raise(
          { connectionId: dead.connectionId, type: 'work.dead-letter', owner: 'operations', subjectType: 'work', subjectId: dead.subjectId, reason: error, action: 'fix it' },
          T0,
        );
      },
    });
    await r.runOnce();
    assert.deepEqual([(await item('o1')).state, (await item('o1')).lastError], ['dead', 'address invalid']);
    const [exception] = await store.exceptions.list({ connectionId: C });
    assert.equal(exception?.reason, 'address invalid');
    assert.ok(logger.messages('error').includes('work dead-lettered'));
  });

  it('spends the attempt budget, then dead letters with the last error', async () => {
    await enqueue('o1');
    const clock = new StillClock();
    const deadLetters: string[] = [];
    const r = runner(answer({ outcome: 'retry', error: 'still failing' }), {
      clock,
      onDeadLetter: async ({ error }) => {
        deadLetters.push(error);
      },
    });
    for (let attempt = 1; attempt <= 3; attempt++) {
      assert.equal(await r.runOnce(), 1, `attempt ${attempt} should run`);
      clock.ms += 60_000;
    }
    const dead = await item('o1');
    assert.deepEqual([dead.state, dead.attempts], ['dead', 3]);
    assert.deepEqual(deadLetters, ['gave up after 3 attempts: still failing']);
    assert.equal(await r.runOnce(), 0);
  });

  it('dead letters without running an item whose attempts all ended without an outcome', async () => {
    await enqueue('o1');
    for (let crash = 0; crash < 3; crash++) {
      // A worker claims it and dies; its lease expires and is reaped.
      const [claimed] = await store.work.claim({ owner: `crashed-${crash}`, now: T0 + 2 * crash, leaseMs: 1, limit: 1 });
      assert.ok(claimed);
      await store.work.reapExpiredLeases(T0 + 2 * crash + 1);
    }
    let ran = false;
    const dead: WorkItem[] = [];
    await runner(
      async () => {
        ran = true;
        return { outcome: 'done' };
      },
      { clock: new StillClock(T0 + 10), onDeadLetter: async (d) => void dead.push(d.item) },
    ).runOnce();
    assert.equal(ran, false);
    const item1 = await item('o1');
    assert.equal(item1.state, 'dead');
    assert.match(item1.lastError ?? '', /gave up after 3 attempts; the last ended without an outcome \(lease expired/);
    assert.equal(dead.length, 1);
  });

  it('when the dead-letter hook fails, nothing is half-written and the item is retried later', async () => {
    await enqueue('o1');
    await runner(answer({ outcome: 'dead', error: 'bad data' }), {
      onDeadLetter: async (_d, tx) => {
        await tx.exceptions.raise(
          { connectionId: C, type: 'work.dead-letter', owner: 'operations', subjectType: 'work', subjectId: 'o1', reason: 'x', action: 'y' },
          T0,
        );
        throw new Error('alert sink down');
      },
    }).runOnce();
    const kept = await item('o1');
    assert.deepEqual([kept.state, kept.lastError, kept.runAt], ['pending', 'bad data', T0 + 500]);
    assert.deepEqual(await store.exceptions.list({}), [], 'the exception rolled back with the dead letter');
    assert.ok(logger.messages('error').some((m) => m.startsWith('dead-letter hook failed')));
  });

  it('claims only the kinds it has handlers for', async () => {
    await enqueue('o1', T0, 'order.track');
    assert.equal(await runner(answer({ outcome: 'done' })).runOnce(), 0);
    assert.equal((await item('o1', 'order.track')).state, 'pending');
  });
});

describe('WorkRunner claim order', () => {
  // Connection A has three urgent items, B one ordinary item; two slots.
  async function twoConnections(): Promise<void> {
    for (const id of ['a1', 'a2', 'a3']) await store.work.enqueue({ connectionId: 'A', kind: 'order.export', subjectId: id, priority: 500, runAt: T0 }, T0);
    await store.work.enqueue({ connectionId: 'B', kind: 'order.export', subjectId: 'b1', priority: 100, runAt: T0 }, T0);
  }
  const ran = (seen: string[]): WorkHandler => async (item) => { seen.push(item.subjectId); return { outcome: 'done' }; };

  it('by default serves connections in turns: the quiet connection gets the second slot', async () => {
    await twoConnections();
    const seen: string[] = [];
    await runner(ran(seen), { concurrency: 2 }).runOnce();
    assert.deepEqual(seen.sort(), ['a1', 'b1']);
  });

  it('without fair share claims in plain priority order (one connection: the same items, cheaper)', async () => {
    await twoConnections();
    const seen: string[] = [];
    await runner(ran(seen), { concurrency: 2, fairShare: false }).runOnce();
    assert.deepEqual(seen.sort(), ['a1', 'a2']);
  });
});

describe('WorkRunner loop', () => {
  it('runs at most `concurrency` handlers at once and drains the queue', async () => {
    const { time, options } = manualTime();
    for (let i = 0; i < 7; i++) await enqueue(`o${i}`);
    let running = 0;
    let peak = 0;
    const r = runner(
      async () => {
        peak = Math.max(peak, ++running);
        for (let turn = 0; turn < 5; turn++) await settle();
        running--;
        return { outcome: 'done' };
      },
      { ...options, concurrency: 2 },
    );
    r.start();
    await eventually(async () => (await store.work.stats(C, time.now()))[0]?.done === 7);
    assert.equal(peak, 2);
  });

  it('renews the lease of a long handler so it is not reaped', async () => {
    const { time, options } = manualTime();
    await enqueue('o1');
    const finish = gate();
    let started = false;
    const r = runner(
      async () => {
        started = true;
        await finish.opened;
        return { outcome: 'done' };
      },
      { ...options, leaseMs: 150 },
    );
    r.start();
    await eventually(() => started);
    // 400 ms of handler time in steps, each renewal (every 50 ms) landing before the next is due.
    for (let step = 0; step < 8; step++) {
      await time.advance(50);
      await eventually(() => time.pendingTimers > 0);
    }
    assert.equal(await store.work.reapExpiredLeases(time.now()), 0, 'the lease was renewed past the 150 ms it started with');
    finish.open();
    await eventually(async () => (await item('o1')).state === 'done');
  });

  it('aborts the handler signal when the lease is lost and discards its outcome', async () => {
    const { time, options } = manualTime();
    await enqueue('o1');
    let aborted = false;
    const giveUp = gate();
    const r = runner(
      async (_item, { signal }) => {
        await Promise.race([giveUp.opened, new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()))]);
        aborted = signal.aborted;
        return { outcome: 'done' };
      },
      { ...options, leaseMs: 150, reapEveryMs: 60_000 },
    );
    r.start();
    await eventually(async () => (await item('o1')).state === 'leased');
    // As if this worker stalled past its lease: another reaps and claims the item.
    await store.work.reapExpiredLeases(time.now() + 60_000);
    await store.work.claim({ owner: 'thief', now: time.now() + 60_000, leaseMs: 600_000, limit: 1 });
    await time.advance(50); // the next renewal finds the lease gone
    await eventually(() => aborted);
    await eventually(() => logger.messages('warn').includes('lease lost before the outcome was recorded; the current holder decides'));
    const stolen = await item('o1');
    assert.deepEqual([stolen.state, stolen.leaseOwner], ['leased', 'thief']);
  });

  it('sleeps until the next item is due rather than for the whole idle cap', async () => {
    const { time, options } = manualTime();
    await enqueue('later', T0 + 150);
    const { r, ran } = timedRunner(time, options);
    r.start();
    await eventually(() => time.pendingTimers > 0);
    assert.deepEqual(time.armed, [150], 'one sleep, exactly until the item is due');
    await time.advance(149);
    assert.equal(ran.at, 0, 'not before it is due');
    await time.advance(1);
    await eventually(() => ran.at > 0);
    assert.equal(ran.at, T0 + 150);
  });

  it('wake() ends an idle sleep at once', async () => {
    const { time, options } = manualTime();
    const { r, ran } = timedRunner(time, options);
    r.start();
    await eventually(() => time.pendingTimers > 0); // idle on an empty queue
    await enqueue('o1');
    r.wake();
    await eventually(() => ran.at > 0);
    assert.equal(time.now(), T0, 'no time had to pass: the wake, not a timer, ended the sleep');
  });

  it('a wake about a kind the runner does not run, or work due later, costs no claim', async () => {
    const { time, options } = manualTime();
    const claims = countClaims();
    const { r, ran } = timedRunner(time, options);
    r.start();
    await eventually(() => time.pendingTimers > 0); // idle on an empty queue
    const before = claims.count;
    await enqueue('track-1', T0, 'order.track');
    r.wake({ kind: 'order.track', runAt: T0 });
    await enqueue('later', T0 + 5_000);
    r.wake({ kind: 'order.export', runAt: T0 + 5_000 });
    await settle();
    assert.equal(claims.count, before, 'neither wake claimed');
    await time.advance(4_999);
    assert.equal(ran.at, 0, 'not before it is due');
    await time.advance(1);
    await eventually(() => ran.at > 0);
    assert.equal(ran.at, T0 + 5_000, 'the sleep (30 s) ended when the announced work was due');
  });

  it('a wake about work due later, arriving while the runner reads when work is next due, is not lost', async () => {
    const { time, options } = manualTime();
    const { r, ran } = timedRunner(time, options);
    // The item is enqueued and announced while the runner's read of the next run time is in flight.
    const nextRunAt = store.work.nextRunAt.bind(store.work);
    let announced = false;
    store.work.nextRunAt = async (kinds) => {
      const next = await nextRunAt(kinds);
      if (!announced) {
        announced = true;
        await enqueue('later', T0 + 2_000);
        r.wake({ kind: 'order.export', runAt: T0 + 2_000 });
      }
      return next;
    };
    r.start();
    await eventually(() => time.pendingTimers > 0);
    await time.advance(2_000);
    await eventually(() => ran.at > 0);
    assert.equal(ran.at, T0 + 2_000);
  });

  it('wakes while every slot is busy are not remembered as extra claims', async () => {
    const claims = countClaims();
    const { opened, open } = gate();
    let ran = 0;
    const r = runner(async () => {
      ran++;
      await opened;
      return { outcome: 'done' };
    }, { concurrency: 1 });
    await enqueue('o1');
    r.start();
    await eventually(() => ran === 1);
    for (let i = 0; i < 5; i++) r.wake({ kind: 'order.export', runAt: T0 });
    const busy = claims.count;
    open();
    await eventually(async () => (await item('o1')).state === 'done');
    await settle();
    await settle();
    assert.ok(claims.count - busy <= 1, `one claim after the slot freed, not one per wake (${claims.count - busy})`);
  });

  it('stop() claims nothing more and waits for the handlers in flight', async () => {
    const { time, options } = manualTime();
    await enqueue('o1');
    const finish = gate();
    const started: string[] = [];
    const r = runner(
      async (claimed) => {
        started.push(claimed.subjectId);
        await finish.opened;
        return { outcome: 'done' };
      },
      { ...options, maxIdleMs: 20 },
    );
    r.start();
    await eventually(() => started.length === 1);
    let stopped = false;
    const stopping = r.stop().then(() => (stopped = true));
    await enqueue('o2');
    r.wake();
    await time.advance(60);
    for (let turn = 0; turn < 50; turn++) await settle();
    assert.equal(stopped, false, 'stop() must wait for the running handler');
    finish.open();
    await stopping;
    assert.equal((await item('o1')).state, 'done');
    assert.deepEqual(started, ['o1']);
    assert.equal((await item('o2')).state, 'pending');
    assert.equal(r.activeCount, 0);
  });

  it('keeps going after the store fails, logging and pausing instead of crashing', async () => {
    const { time, options } = manualTime();
    let failures = 1;
    // The real repositories, with a claim that fails once first.
    const work = Object.create(store.work) as WorkQueueRepository;
    work.claim = async (input) => {
      if (failures-- > 0) throw new Error('database is locked');
      return store.work.claim(input);
    };
    const flaky = Object.create(store, { work: { value: work } }) as Store;
    await enqueue('o1');
    const r = runner(answer({ outcome: 'done' }), { ...options, store: flaky });
    r.start();
    await eventually(() => logger.messages('error').includes('work loop failed; pausing before the next try'));
    await eventually(() => time.pendingTimers > 0);
    assert.equal((await item('o1')).state, 'pending', 'paused, not spinning');
    await time.advance(1_000);
    await eventually(async () => (await item('o1')).state === 'done');
    assert.equal(time.armed[0], 1_000, 'paused one second before trying again');
  });
});

describe('WorkRunner: dependency circuits', () => {
  async function withCircuits() {
    const clock = new StillClock();
    const circuits = new DependencyCircuits(() => clock.ms);
    return { clock, circuits, amazon: circuits.circuit('amazon-sp-api', C) };
  }

  it('a failure while a dependency is down spends no attempt and never dead-letters', async () => {
    const { clock, circuits, amazon } = await withCircuits();
    await enqueue('a');
    const r = runner(async () => {
      amazon.failed('unreachable', 'connection refused');
      return { outcome: 'retry', error: 'Amazon could not be reached' };
    }, { clock, circuits, maxAttempts: 1 });
    assert.equal(await r.runOnce(), 1);
    const paused = await item('a');
    assert.deepEqual([paused.state, paused.attempts, paused.runAt, paused.lastError], ['pending', 0, T0, 'Amazon could not be reached']);
    assert.equal(await r.runOnce(), 0, 'nothing is claimed while the circuit is open');
  });

  it('probes with one item when the probe is due; a failed probe waits so the next probe tries another', async () => {
    const { clock, circuits, amazon } = await withCircuits();
    await enqueue('a');
    await enqueue('b');
    amazon.failed('unreachable', 'refused');
    const ran: string[] = [];
    const r = runner(async (work) => {
      ran.push(work.subjectId);
      amazon.failed('unreachable', 'still refused');
      return { outcome: 'retry', error: 'still down' };
    }, { clock, circuits, concurrency: 4, failedProbeDelayMs: 5_000 });
    clock.ms += 1_000;
    assert.equal(await r.runOnce(), 1, 'one probe');
    assert.equal((await item(ran[0]!)).runAt, clock.ms + 5_000);
    assert.equal((await item(ran[0]!)).attempts, 0);
  });

  it('a failure while every circuit is closed is the item\'s: it spends the attempt', async () => {
    const { clock, circuits, amazon } = await withCircuits();
    await enqueue('a');
    const r = runner(async () => {
      amazon.succeeded();
      return { outcome: 'retry', error: 'InvalidInput' };
    }, { clock, circuits });
    await r.runOnce();
    assert.deepEqual([(await item('a')).attempts, (await item('a')).runAt > T0], [1, true]);
  });
});
