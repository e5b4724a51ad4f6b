// Three `fba-bridge start` processes on one PostgreSQL run every scheduled job once per interval
// between them (docs/adr/0016). The worker holding the jobs is killed with SIGKILL (no shutdown, no
// lease given back); the store's own run history must then show every job still run once per interval:
// never twice within an interval, never a gap longer than an interval plus one lease, and the jobs
// taken over within one lease of the kill.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { startWorld, spawnBridge, exited, waitFor } from '../support/e2e-world.js';
import { dropSchema, IN_CI, postgresUnavailable, withSchema } from '../support/postgres-available.js';
import { openStore } from '../../src/adapters/store/open-store.js';
import type { ScheduledTaskRun } from '../../src/ports/scheduled-task-leases.js';

const LEASE_MS = 3_000;
// Lateness a busy two-core machine adds to a timer and a claim (event loop, one database round trip).
// The bounds below are the lease's; this only keeps a slow machine from failing a correct bridge.
const SLACK_MS = 1_000;
/** Jobs that come round several times while the test watches (1 s polls, 2 s alerts, 3.6 s settlements). */
const FREQUENT = ['default:commercetools-poll', 'default:amazon-poll', 'alerts-evaluate', 'default:settlement-discovery'];
/** Jobs due at start and not again for hours: each must have run exactly once among the three workers. */
const ONCE = ['inbox-purge', 'retention-purge', 'scheduled-run-history-purge', 'console-flow-samples'];

test('scheduled jobs run once per interval across three workers, and survive the SIGKILL of the worker running them', { timeout: 5 * 60_000 }, async (t) => {
  const why = await postgresUnavailable();
  if (why) {
    if (IN_CI) assert.fail(`PostgreSQL must be reachable in CI: ${why}`);
    t.skip(`PostgreSQL not reachable (${why}); set TEST_POSTGRES_URL`);
    return;
  }
  const schema = `e2e_failover_${randomBytes(5).toString('hex')}`;
  const world = await startWorld({ orders: 6, seed: 23, timeScale: 3600, rateScale: 20, withoutCancellations: true });
  const env = world.env(withSchema(schema), {
    LOG_LEVEL: 'info', JOB_LEASE_SECONDS: String(LEASE_MS / 1000), ALERT_EVALUATION_SECONDS: '2', SETTLEMENT_POLL_HOURS: '0.001',
  });
  const log: string[] = [];
  const workers = new Map<string, ChildProcess>();
  const spawn = (name: string) => workers.set(name, spawnBridge(env, (l) => log.push(`${name}: ${l}`)));
  const store = await openStore(withSchema(schema));
  try {
    spawn('a');
    await waitFor('the first worker to run the polls', async () => (await store.taskLeases.runsSince(0)).some((r) => r.taskId === 'default:amazon-poll'), 90_000);
    spawn('b');
    spawn('c');
    await waitFor('all three workers to start', async () => log.filter((l) => /"msg":"bridge started"/.test(l)).length === 3, 90_000);
    await sleep(6_000);

    // The victim: the worker holding the jobs now, found by its process id in the lease's holder.
    const holder = (await store.taskLeases.list()).find((l) => l.taskId === 'default:amazon-poll')!.holder;
    const [victimName, victim] = [...workers].find(([, child]) => holder.includes(`-${child.pid}-`))!;
    victim.kill('SIGKILL');
    const killedAt = Date.now();
    await exited(victim);
    await sleep(12_000);
    const endedAt = Date.now();

    const runs = await store.taskLeases.runsSince(0);
    const intervals = new Map((await store.taskLeases.list()).map((l) => [l.taskId, l.intervalMs]));
    const byTask = groupBy(runs, (r) => r.taskId);
    const summary = FREQUENT.map((task) => `${task}: ${(byTask.get(task) ?? []).map((r) => `${r.startedAt - killedAt}@${workerOf(r, workers)}`).join(' ')}`).join('\n');

    for (const [task, list] of byTask) {
      const interval = intervals.get(task)!;
      const gaps = list.slice(1).map((r, i) => r.startedAt - list[i]!.startedAt);
      assert.ok(gaps.every((g) => g >= interval), `${task} ran twice within its interval of ${interval} ms: gaps ${gaps.join(', ')}\n${summary}`);
    }
    for (const task of ONCE) assert.equal(byTask.get(task)?.length, 1, `${task} ran once, not once per worker\n${summary}`);
    for (const task of FREQUENT) {
      const list = byTask.get(task) ?? [];
      const interval = intervals.get(task)!;
      assert.ok(list.length >= 3, `${task} ran ${list.length} times\n${summary}`);
      const gaps = list.slice(1).map((r, i) => r.startedAt - list[i]!.startedAt);
      assert.ok(gaps.every((g) => g <= interval + LEASE_MS + SLACK_MS), `${task} was skipped for more than one lease: gaps ${gaps.join(', ')}\n${summary}`);
      const last = list.at(-1)!;
      assert.ok(endedAt - last.startedAt <= interval + LEASE_MS + SLACK_MS, `${task} stopped running ${endedAt - last.startedAt} ms before the end\n${summary}`);
      const before = list.filter((r) => r.startedAt < killedAt);
      const after = list.filter((r) => r.startedAt >= killedAt);
      assert.ok(after.every((r) => !r.holder.includes(`-${victim.pid}-`)), `nothing ran on the killed worker after the kill\n${summary}`);
      if (before.at(-1)?.holder === holder) {
        const takeoverMs = after[0]!.startedAt - killedAt;
        const dueAfterKill = Math.max(0, before.at(-1)!.startedAt + interval - killedAt);
        assert.ok(takeoverMs <= Math.max(LEASE_MS, dueAfterKill) + SLACK_MS, `${task} taken over ${takeoverMs} ms after the kill (lease ${LEASE_MS} ms)\n${summary}`);
        t.diagnostic(`${task}: taken over ${takeoverMs} ms after the SIGKILL of worker ${victimName}`);
      }
    }
    assert.ok(log.some((l) => !l.startsWith(`${victimName}:`) && /"msg":"scheduled task taken over"/.test(l)), 'the takeover is in the surviving workers\' logs');
  } finally {
    for (const child of workers.values()) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const codes = await Promise.all([...workers.values()].map(exited));
    await store.close();
    await world.close();
    await dropSchema(schema);
    assert.ok(codes.filter((c) => c === 0).length >= 2, `the surviving workers shut down cleanly: ${codes.join(', ')}; ${log.filter((l) => /error/i.test(l)).slice(-3).join(' | ')}`);
  }
});

function workerOf(run: ScheduledTaskRun, workers: ReadonlyMap<string, ChildProcess>): string {
  return [...workers].find(([, child]) => run.holder.includes(`-${child.pid}-`))?.[0] ?? '?';
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
