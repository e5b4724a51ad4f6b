import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Scheduler, type ScheduledTask } from '../../src/engine/scheduler.js';
import { ManualClock, settle } from './manual-clock.js';
import { RecordingLogger } from './recording-logger.js';
import { openStore } from '../../src/adapters/store/open-store.js';
import type { Store } from '../../src/ports/store.js';

function scheduler(tasks: ScheduledTask[], time = new ManualClock(0)) {
  const logger = new RecordingLogger();
  const s = new Scheduler(tasks, { clock: { now: () => new Date(time.now()) }, logger, setTimer: time.setTimer });
  return { s, time, logger };
}

function counting(name: string, intervalMs: number, extra: Partial<ScheduledTask> = {}) {
  const task = { name, intervalMs, runs: 0, run: async () => void task.runs++, ...extra };
  return task;
}

/** A task whose runs wait until the test releases them. */
function gated(name: string, intervalMs: number) {
  let release: () => void = () => undefined;
  const task = {
    name,
    intervalMs,
    runs: 0,
    signals: [] as AbortSignal[],
    release: () => release(),
    run: (signal: AbortSignal) => {
      task.runs++;
      task.signals.push(signal);
      return new Promise<void>((resolve) => (release = resolve));
    },
  };
  return task;
}

describe('Scheduler', () => {
  it('runs each task at start, then every interval', async () => {
    const a = counting('a', 1_000);
    const b = counting('b', 300, { initialDelayMs: 500 });
    const { s, time } = scheduler([a, b]);
    s.start();
    await time.advance(0);
    assert.deepEqual([a.runs, b.runs], [1, 0]);
    await time.advance(999);
    assert.deepEqual([a.runs, b.runs], [1, 2]); // b at 500 and 800
    await time.advance(1);
    assert.equal(a.runs, 2);
    await time.advance(3_000);
    assert.deepEqual([a.runs, b.runs], [5, 12]);
    await s.stop();
  });

  it('never overlaps runs of one task, and runs again at once after an overrun', async () => {
    const slow = gated('slow', 100);
    const { s, time } = scheduler([slow]);
    s.start();
    await time.advance(0);
    await time.advance(1_000);
    assert.equal(slow.runs, 1, 'no second run while the first is still going');
    slow.release();
    await settle();
    await time.advance(0);
    assert.equal(slow.runs, 2);
    slow.release();
    await settle();
    await time.advance(99);
    assert.equal(slow.runs, 2, 'back on its cadence: next run 100 ms after the last started');
    await time.advance(1);
    assert.equal(slow.runs, 3);
    slow.release();
    await s.stop();
  });

  it('logs a failing run and keeps the schedule', async () => {
    let runs = 0;
    const { s, time, logger } = scheduler([
      { name: 'flaky', intervalMs: 50, run: async () => { runs++; throw new Error('commercetools 503'); } },
    ]);
    s.start();
    await time.advance(100);
    assert.equal(runs, 3);
    const failures = logger.entries.filter((e) => e.msg === 'scheduled task failed');
    assert.equal(failures.length, 3);
    assert.equal(failures[0]?.fields.task, 'flaky');
    assert.equal(failures[0]?.fields.error, 'commercetools 503');
    await s.stop();
  });

  it('stop() signals the running task, waits for it, and schedules nothing more', async () => {
    const slow = gated('slow', 100);
    const quick = counting('quick', 10);
    const { s, time } = scheduler([slow, quick]);
    s.start();
    await time.advance(0);
    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    await settle();
    assert.equal(slow.signals[0]?.aborted, true);
    assert.equal(stopped, false, 'waits for the running task');
    slow.release();
    await stopping;
    const quickRuns = quick.runs;
    await time.advance(10_000);
    assert.deepEqual([slow.runs, quick.runs], [1, quickRuns]);
    assert.equal(time.pendingTimers, 0);
  });

  it('runNow runs a task at once, or joins the run in progress', async () => {
    const slow = gated('slow', 1_000);
    const { s, time } = scheduler([slow]);
    s.start();
    await time.advance(0);
    const joined = s.runNow('slow');
    assert.equal(slow.runs, 1, 'joined, not started again');
    slow.release();
    await joined;
    await time.advance(500);
    const now = s.runNow('slow');
    assert.equal(slow.runs, 2);
    slow.release();
    await now;
    await time.advance(999);
    assert.equal(slow.runs, 2, 'the cadence restarts from the manual run');
    await time.advance(1);
    assert.equal(slow.runs, 3);
    slow.release();
    await s.stop();
    assert.throws(() => s.runNow('nope'), /No scheduled task is named "nope"/);
  });

  it('refuses duplicate names and non-positive intervals', () => {
    assert.throws(() => scheduler([counting('a', 10), counting('a', 20)]), /Two scheduled tasks are named "a"/);
    assert.throws(() => scheduler([counting('z', 0)]), /positive interval/);
  });
});

describe('Scheduler with task leases (several workers on one store)', () => {
  const LEASE = 3_000;

  /** A worker's scheduler whose timers stop firing when it "dies" (as after SIGKILL: no shutdown, no release). */
  function worker(name: string, tasks: ScheduledTask[], time: ManualClock, store: Store) {
    let alive = true;
    const cancels = new Set<() => void>();
    const setTimer = (callback: () => void, delayMs: number) => {
      const cancel = time.setTimer(() => { cancels.delete(cancel); if (alive) callback(); }, delayMs);
      cancels.add(cancel);
      return cancel;
    };
    const logger = new RecordingLogger();
    const s = new Scheduler(tasks, { clock: { now: () => new Date(time.now()) }, logger, setTimer, leases: { leases: store.taskLeases, holder: name, leaseMs: LEASE } });
    return { s, logger, kill: () => { alive = false; for (const c of cancels) c(); } };
  }

  /** A task run by whichever worker has the turn: each run noted with the worker and the time. */
  function shared(name: string, intervalMs: number, runs: Array<[string, string, number]>, time: ManualClock) {
    return (workerName: string): ScheduledTask => ({ name, intervalMs, run: async () => void runs.push([name, workerName, time.now()]) });
  }

  it('runs each task once per interval across workers, and another worker takes over within one lease of a death', async () => {
    const store = await openStore(':memory:');
    const time = new ManualClock(1_000_000);
    const t0 = time.now();
    const runs: Array<[string, string, number]> = [];
    const poll = shared('poll', 1_000, runs, time);
    const purge = shared('purge', 60_000, runs, time);
    const a = worker('a', [poll('a'), purge('a')], time, store);
    const b = worker('b', [poll('b'), purge('b')], time, store);
    a.s.start();
    await time.advance(0);
    b.s.start();
    for (let i = 0; i < 50; i++) await time.advance(100);
    assert.deepEqual(runs.filter(([task]) => task === 'purge').map(([, w]) => w), ['a'], 'the purge ran once, at start, not once per worker');
    const polls = runs.filter(([task]) => task === 'poll');
    assert.deepEqual(polls.map(([, w, at]) => [w, at - t0]), [0, 1, 2, 3, 4, 5].map((s) => ['a', s * 1_000]), 'the poll ran once a second, on the first worker only');

    a.kill();
    const killedAt = time.now();
    for (let i = 0; i < 100; i++) await time.advance(100);
    const after = runs.filter(([task, , at]) => task === 'poll' && at > killedAt);
    assert.equal(after[0]?.[1], 'b');
    assert.ok(after[0]![2] - killedAt <= LEASE, `taken over ${after[0]![2] - killedAt} ms after the death`);
    const gaps = after.slice(1).map(([, , at], i) => at - after[i]![2]);
    assert.ok(gaps.every((g) => g === 1_000), `then once a second again: ${gaps.join(', ')}`);
    assert.ok(b.logger.entries.some((e) => e.msg === 'scheduled task taken over' && e.fields.from === 'a'), 'the takeover is logged');
    assert.deepEqual(runs.filter(([task]) => task === 'purge').length, 1, 'the purge is not due again');

    const history = (await store.taskLeases.runsSince(0)).filter((r) => r.taskId === 'poll');
    assert.deepEqual(history.map((r) => r.startedAt), runs.filter(([task]) => task === 'poll').map(([, , at]) => at), 'every run is in the store\'s history');
    assert.ok(history.filter((r) => r.holder === 'b').every((r) => r.outcome === 'ok'));
    await b.s.stop();
    await store.close();
  });

  it('a stopping worker gives its tasks up at once; runDue claims only due turns', async () => {
    const store = await openStore(':memory:');
    const time = new ManualClock(1_000_000);
    const runs: Array<[string, string, number]> = [];
    const poll = shared('poll', 10_000, runs, time);
    const a = worker('a', [poll('a')], time, store);
    const b = worker('b', [poll('b')], time, store);
    a.s.start();
    await time.advance(0);
    await a.s.stop();
    assert.deepEqual(await b.s.runDue(), [], 'not due: it ran a moment ago');
    await time.advance(10_000);
    assert.deepEqual(await b.s.runDue(), ['poll'], 'no lease to wait for: the stopped worker released it');
    assert.deepEqual(runs.map(([, w]) => w), ['a', 'b']);
    await b.s.stop();
    await store.close();
  });

  it('a run whose lease another worker took over (this one stalled) is told to stop', async () => {
    const store = await openStore(':memory:');
    const time = new ManualClock(1_000_000);
    const slow = gated('slow', 1_000);
    const a = worker('a', [slow], time, store);
    a.s.start();
    await time.advance(0);
    assert.equal(slow.runs, 1);
    // Meanwhile another worker saw the lease expire (a stalled renewal) and claimed the turn.
    await time.advance(1_000);
    assert.equal((await store.taskLeases.claimTurn({ taskId: 'slow', holder: 'b', now: time.now() + LEASE, intervalMs: 1_000, leaseMs: LEASE })).claimed, true);
    await time.advance(LEASE);
    assert.equal(slow.signals[0]?.aborted, true);
    assert.ok(a.logger.entries.some((e) => /taken over by another worker/.test(e.msg)));
    slow.release();
    await a.s.stop();
    await store.close();
  });
});
