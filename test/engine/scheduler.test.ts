import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Scheduler, type ScheduledTask } from '../../src/engine/scheduler.js';
import { ManualClock, settle } from './manual-clock.js';
import { RecordingLogger } from './recording-logger.js';

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
