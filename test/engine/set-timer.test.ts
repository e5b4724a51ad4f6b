import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chainedTimer, LONGEST_NODE_TIMEOUT_MS, systemSetTimer } from '../../src/engine/set-timer.js';

function recordingTimers() {
  const armed: { fn: () => void; ms: number; id: number }[] = [];
  const disarmed: number[] = [];
  let next = 0;
  return {
    armed,
    disarmed,
    arm: (fn: () => void, ms: number) => { armed.push({ fn, ms, id: ++next }); return next; },
    disarm: (id: number) => { disarmed.push(id); },
  };
}

test('a delay Node can hold is one timer', () => {
  const t = recordingTimers();
  let fired = 0;
  chainedTimer(t.arm, t.disarm, () => { fired++; }, 5_000);
  assert.deepEqual(t.armed.map((a) => a.ms), [5_000]);
  t.armed[0]!.fn();
  assert.equal(fired, 1);
});

test('a delay longer than 2^31-1 ms (1,000 hours) waits in steps and fires once, at the end', () => {
  const t = recordingTimers();
  let fired = 0;
  const hours1000 = 1000 * 3600_000;
  chainedTimer(t.arm, t.disarm, () => { fired++; }, hours1000);
  while (fired === 0) t.armed[t.armed.length - 1]!.fn();
  assert.equal(fired, 1);
  assert.ok(t.armed.every((a) => a.ms <= LONGEST_NODE_TIMEOUT_MS));
  assert.equal(t.armed.reduce((sum, a) => sum + a.ms, 0), hours1000);
  assert.equal(t.armed.length, 2);
});

test('cancelling a stepped wait cancels the step armed now', () => {
  const t = recordingTimers();
  const cancel = chainedTimer(t.arm, t.disarm, () => assert.fail('cancelled'), 3 * LONGEST_NODE_TIMEOUT_MS);
  t.armed[0]!.fn();
  cancel();
  assert.deepEqual(t.disarmed, [t.armed[1]!.id]);
});

test('the system timer does not fire early for a delay beyond Node\'s limit', async () => {
  let fired = false;
  const cancel = systemSetTimer(() => { fired = true; }, 1000 * 3600_000);
  await new Promise((r) => setTimeout(r, 50));
  cancel();
  assert.equal(fired, false);
});

test('negative delays fire at once', async () => {
  await new Promise<void>((resolve) => { systemSetTimer(resolve, -5); });
});
